package io.github.lancedb4j.samples.rag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;

/**
 * Turns a file's bytes into plain text by extension: Markdown and text as UTF-8 (strictly: other encodings are
 * reported, not garbled), HTML through jsoup (title and visible text), PDF through Apache PDFBox.
 */
final class DocumentReader {

    private DocumentReader() {
    }

    /** The text of the file; an {@link IOException} says why it cannot be read. */
    static String text(Path file, byte[] bytes) throws IOException {
        return switch (Corpus.extension(file)) {
            case "pdf" -> pdf(bytes);
            case "html", "htm" -> html(utf8(bytes));
            default -> utf8(bytes);
        };
    }

    private static String utf8(byte[] bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }

    private static String html(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, noscript, nav").remove();
        String title = document.title();
        // Block elements become paragraph breaks, so that the splitter can cut between them.
        document.select("p, h1, h2, h3, h4, h5, h6, li, pre, tr, div, section, article, blockquote, br")
                .forEach(e -> e.before(new TextNode("\n\n")));
        String body = document.body() == null ? "" : document.body().wholeText();
        String text = body.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*\\n\\s*", "\n\n").strip();
        return title.isBlank() || text.startsWith(title) ? text : title + "\n\n" + text;
    }

    private static String pdf(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new IOException("not a readable PDF (" + e.getMessage() + ")", e);
        }
    }
}
