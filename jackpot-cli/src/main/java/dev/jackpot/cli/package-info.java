/**
 * The {@code jackpot} command line (picocli). Commands build a spec record, call the same library
 * entry point a test would, and print either text or exactly one JSON object ({@code --json}) on
 * standard output; progress goes to standard error. Exit codes: 0 success, 1 failure, 2 invalid
 * command line or spec.
 */
package dev.jackpot.cli;
