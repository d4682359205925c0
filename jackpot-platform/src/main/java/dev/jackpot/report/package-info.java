/**
 * Self-contained run reports: a {@link dev.jackpot.report.Report} (summary, figures, tables, claims
 * checked against the paper, spec and provenance) written by {@link dev.jackpot.report.ReportWriter}
 * as one {@code report.html} that embeds its figures and can be mailed, and a {@code report.md}
 * that links them under {@code plots/}.
 */
package dev.jackpot.report;
