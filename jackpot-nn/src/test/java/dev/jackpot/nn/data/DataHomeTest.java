package dev.jackpot.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataHomeTest {

    @TempDir
    Path tmp;

    @Test
    void theRootIsJackpotDataElseUnderTheUsersHome() {
        assertEquals(tmp.resolve("d"), DataHome.of(Map.of(DataHome.ENV, tmp.resolve("d").toString()), tmp).root());
        assertEquals(tmp.resolve(".jackpot/data"), DataHome.of(Map.of(), tmp).root());
        assertEquals(tmp.resolve(".jackpot/data/mnist"), DataHome.of(Map.of(), tmp).dir("mnist"));
        assertThrows(IllegalArgumentException.class, () -> DataHome.of(Map.of(), tmp).dir("imagenet"));
    }

    @Test
    void datasetsAreFoundWhereFetchPutsThemAndAnExplicitDirectoryWins() throws IOException {
        DataHome home = DataHome.of(Map.of(DataHome.ENV, tmp.resolve("root").toString()), tmp);
        assertTrue(home.locate("mnist").isEmpty());
        writeIdx(home.dir("mnist"));
        assertEquals(home.dir("mnist"), home.locate("mnist").orElseThrow());

        writeIdx(home.dir("fashion-mnist"));
        assertEquals(home.dir("fashion-mnist"), home.locate("fashion-mnist").orElseThrow());
        Path own = tmp.resolve("own");
        writeIdx(own);
        DataHome named = DataHome.of(Map.of(DataHome.ENV, tmp.resolve("root").toString(),
                FashionMnist.ENV, own.toString()), tmp);
        assertEquals(own, named.locate("fashion-mnist").orElseThrow());
        DataHome namedEmpty = DataHome.of(Map.of(DataHome.ENV, tmp.resolve("root").toString(),
                FashionMnist.ENV, tmp.resolve("nothing").toString()), tmp);
        assertTrue(namedEmpty.locate("fashion-mnist").isEmpty(), "a named directory is the only place looked");
    }

    @Test
    void theMissingMessageGivesTheOneCommand() {
        DataHome home = DataHome.of(Map.of(), tmp);
        String m = home.missing("cifar10");
        assertTrue(m.contains("./jackpot data fetch cifar10"), m);
        assertTrue(m.contains(tmp.resolve(".jackpot/data/cifar10").toString()), m);
        assertTrue(home.missing("fashion-mnist").contains("apt-get install dataset-fashion-mnist"));
    }

    private static void writeIdx(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(3, 28, 28)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(3, 10)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(2, 10));
    }
}
