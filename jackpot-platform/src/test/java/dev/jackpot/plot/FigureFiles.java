package dev.jackpot.plot;

import org.w3c.dom.Document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on saved figures shared by the plot tests. */
final class FigureFiles {

    private FigureFiles() {
    }

    /** Decodes a PNG, failing if it is not one. */
    static BufferedImage decodePng(Path png) throws IOException {
        assertTrue(Files.size(png) > 1000, png + " is suspiciously small: " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " does not decode as an image");
        return image;
    }

    /** Parses an SVG as XML (never fetching XChart's external DTD: tests run offline) and checks its root. */
    static Document parseSvg(Path svg) throws Exception {
        assertTrue(Files.size(svg) > 500, svg + " is suspiciously small: " + Files.size(svg) + " bytes");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        return doc;
    }
}
