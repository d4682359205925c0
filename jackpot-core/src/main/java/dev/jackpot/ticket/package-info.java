/**
 * Lottery tickets as portable files: {@link dev.jackpot.ticket.Ticket} (masks, initial, rewind and
 * final weights, spec JSON, metadata) and {@link dev.jackpot.ticket.TicketFiles}, which writes and
 * reads NumPy {@code .npz} and safetensors bit-identically and deterministically, and rejects
 * truncated or corrupted files with a {@link dev.jackpot.ticket.TicketFormatException} that says
 * what is wrong. Tensor keys are {@code mask/<name>}, {@code init/<name>}, {@code rewind/<name>}
 * and {@code final/<name>} in both formats.
 */
package dev.jackpot.ticket;
