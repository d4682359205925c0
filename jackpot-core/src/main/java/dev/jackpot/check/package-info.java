/**
 * Argument validation shared across packages, with messages that name the parameter and the value.
 */
package dev.jackpot.check;
