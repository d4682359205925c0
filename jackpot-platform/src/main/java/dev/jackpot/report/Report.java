package dev.jackpot.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run report shows. An empty text or list leaves its section out. Immutable: the
 * lists and the map are copied (the map keeping its iteration order).
 *
 * @param title      the report's title
 * @param summary    what was run and what came out, one paragraph (blank lines separate paragraphs)
 * @param specYaml   the run's full spec as YAML, shown verbatim
 * @param figures    the figures, in order
 * @param tables     the tables, in order
 * @param claims     the paper's claims checked against the run, in order
 * @param provenance run id, code version, commit, seeds and the like, in the order given
 */
public record Report(String title, String summary, String specYaml, List<Figure> figures, List<Table> tables,
                     List<Claim> claims, Map<String, String> provenance) {

    /**
     * @throws NullPointerException if an argument, a list element, or a provenance key or value is null
     */
    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(specYaml, "specYaml");
        figures = List.copyOf(Objects.requireNonNull(figures, "figures"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
        claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
        Objects.requireNonNull(provenance, "provenance");
        Map<String, String> copy = new LinkedHashMap<>();
        provenance.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "provenance key"),
                Objects.requireNonNull(v, () -> "provenance value of '" + k + "'")));
        provenance = Collections.unmodifiableMap(copy);
    }

    /** @return how many claims the run reproduces */
    public long reproducedCount() {
        return claims.stream().filter(Claim::reproduced).count();
    }
}
