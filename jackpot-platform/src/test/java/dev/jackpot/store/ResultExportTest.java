package dev.jackpot.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static dev.jackpot.store.ResultStoreTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultExportTest {

    private static final List<TrialRow> ROWS = List.of(
            TrialRow.ok("c0-t0", 0, 0, 4242L, map("N", 1000L, "mask", "oracle"),
                    map("loss", 1.5e-10, "success", true, "iterations", 139L), 0.38),
            new TrialRow("c1-t0", 1, 0, -9L, map("N", 2000L, "mask", "grasp, pruned", "eta", 0.1),
                    map("loss", Double.NaN, "note", "said \"hi\""), TrialRow.FAILED,
                    "java.lang.IllegalStateException: diverged\nat step 3", 1.0));

    @Test
    void csvHasOneColumnPerNameInFirstSeenOrderAndQuotesAsRfc4180() throws IOException {
        StringWriter out = new StringWriter();
        ResultExport.writeCsv(ROWS, out);
        assertEquals("key,cell,trial,seed,status,seconds,N,mask,eta,loss,success,iterations,note,error\n"
                + "c0-t0,0,0,4242,ok,0.38,1000,oracle,,1.5E-10,true,139,,\n"
                + "c1-t0,1,0,-9,failed,1.0,2000,\"grasp, pruned\",0.1,NaN,,,\"said \"\"hi\"\"\","
                + "\"java.lang.IllegalStateException: diverged\nat step 3\"\n", out.toString());
    }

    @Test
    void csvNumbersReadBackExactly() throws IOException {
        double[] values = {0.1 + 0.2, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, Double.POSITIVE_INFINITY};
        StringWriter out = new StringWriter();
        ResultExport.writeCsv(List.of(TrialRow.ok("k", 0, 0, Long.MIN_VALUE, map(),
                map("a", values[0], "b", values[1], "c", values[2], "d", values[3], "e", values[4], "f", values[5],
                        "g", Long.MAX_VALUE), 0)), out);
        String[] fields = out.toString().split("\n")[1].split(",");
        assertEquals(Long.MIN_VALUE, Long.parseLong(fields[3]));
        for (int i = 0; i < values.length; i++) {
            double back = Double.parseDouble(fields[6 + i]);
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back), fields[6 + i]);
        }
        assertEquals(Long.MAX_VALUE, Long.parseLong(fields[12]));
    }

    @Test
    void csvColumnsThatWouldRepeatANameArePrefixed() throws IOException {
        StringWriter out = new StringWriter();
        ResultExport.writeCsv(List.of(TrialRow.ok("k", 0, 0, 1, map("seed", 5L, "N", 10L), map("N", 11L, "error", 0.5),
                0)), out);
        assertEquals("key,cell,trial,seed,status,seconds,coordinates.seed,N,metrics.N,metrics.error,error\n"
                + "k,0,0,1,ok,0.0,5,10,11,0.5,\n", out.toString());
    }

    @Test
    void csvOfNoRowsIsTheFixedHeader() throws IOException {
        StringWriter out = new StringWriter();
        ResultExport.writeCsv(List.of(), out);
        assertEquals("key,cell,trial,seed,status,seconds,error\n", out.toString());
    }

    @Test
    void jsonIsAnArrayOfObjectsWithNestedMaps() throws IOException {
        StringWriter out = new StringWriter();
        ResultExport.writeJson(ROWS, out);
        assertEquals("""
                [ {
                  "key" : "c0-t0",
                  "cell" : 0,
                  "trial" : 0,
                  "seed" : 4242,
                  "status" : "ok",
                  "seconds" : 0.38,
                  "coordinates" : {
                    "N" : 1000,
                    "mask" : "oracle"
                  },
                  "metrics" : {
                    "loss" : 1.5E-10,
                    "success" : true,
                    "iterations" : 139
                  },
                  "error" : null
                }, {
                  "key" : "c1-t0",
                  "cell" : 1,
                  "trial" : 0,
                  "seed" : -9,
                  "status" : "failed",
                  "seconds" : 1.0,
                  "coordinates" : {
                    "N" : 2000,
                    "mask" : "grasp, pruned",
                    "eta" : 0.1
                  },
                  "metrics" : {
                    "loss" : "NaN",
                    "note" : "said \\"hi\\""
                  },
                  "error" : "java.lang.IllegalStateException: diverged\\nat step 3"
                } ]
                """, out.toString().replace(System.lineSeparator(), "\n"));
        JsonNode back = SpecCodec.json().readTree(out.toString());
        assertEquals(1.5e-10, back.get(0).get("metrics").get("loss").doubleValue());
        assertTrue(back.get(1).get("coordinates").get("N").isIntegralNumber());
    }

    @Test
    void theWriterIsLeftOpen() throws IOException {
        ClosingWatcher out = new ClosingWatcher();
        ResultExport.writeJson(List.of(), out);
        ResultExport.writeCsv(ROWS, out);
        assertFalse(out.closed);
        assertTrue(out.toString().replace(System.lineSeparator(), "\n").startsWith("[ ]\nkey,"));
    }

    private static final class ClosingWatcher extends StringWriter {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
