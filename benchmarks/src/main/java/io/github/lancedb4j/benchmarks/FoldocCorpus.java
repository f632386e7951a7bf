package io.github.lancedb4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Free On-line Dictionary of Computing as Debian's {@code dict-foldoc} ships it (dictd format: an index of
 * {@code headword TAB offset TAB length} with dictd's base64 numbers, and the gzipped text). Each entry's text starts
 * with its headword lines (the name, then aliases such as an abbreviation), a blank line, then the definition.
 * A short entry that only points to another ("{dash}") is a redirect.
 */
final class FoldocCorpus {

    /** An entry: its headwords (the first is its name) and its text (headwords and definition, whitespace collapsed). */
    record Entry(int id, List<String> headwords, String text) {
    }

    /** A redirect entry: its headword and the headword of the entry it points to. */
    record Redirect(String from, String to) {
    }

    final List<Entry> entries = new ArrayList<>();
    final List<Redirect> redirects = new ArrayList<>();
    final Map<String, Entry> byHeadword = new LinkedHashMap<>();

    static FoldocCorpus read(Path dir, int maxChars) throws IOException {
        Path index = dir.resolve("foldoc.index");
        Path dict = dir.resolve("foldoc.dict.dz");
        if (!Files.exists(index) || !Files.exists(dict)) {
            throw new IllegalStateException(dir + " has no foldoc.index / foldoc.dict.dz: run benchmarks/setup-data "
                    + "first (apt-get download dict-foldoc + dpkg -x)");
        }
        byte[] text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dict))) {
            text = in.readAllBytes();
        }
        FoldocCorpus corpus = new FoldocCorpus();
        Map<Long, Boolean> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 3 || f[0].startsWith("00-database") || f[0].startsWith("00database")) {
                continue;
            }
            long offset = b64(f[1]);
            long length = b64(f[2]);
            if (seen.put(offset, Boolean.TRUE) != null || offset + length > text.length) {
                continue;
            }
            corpus.add(new String(text, (int) offset, (int) length, StandardCharsets.UTF_8), maxChars);
        }
        corpus.redirects.removeIf(r -> !corpus.byHeadword.containsKey(key(r.to())));
        return corpus;
    }

    private void add(String raw, int maxChars) {
        String[] parts = raw.split("\n\\s*\n", 2);
        List<String> headwords = new ArrayList<>();
        for (String h : parts[0].split("\n")) {
            if (!h.isBlank()) {
                headwords.add(h.strip());
            }
        }
        if (headwords.isEmpty() || parts.length < 2) {
            return;
        }
        String body = parts[1].replaceAll("\\s+", " ").strip();
        String definition = body.replaceAll("<[^>]*>", "").replaceAll("\\(\\d{4}-\\d{2}-\\d{2}\\)", "").strip();
        java.util.regex.Matcher pointer = java.util.regex.Pattern.compile("^(?:See )?\\{([^}]+)\\}\\.?$")
                .matcher(definition);
        if (pointer.matches()) {
            redirects.add(new Redirect(headwords.get(0), pointer.group(1).strip()));
            return;
        }
        if (definition.length() < 40) {
            return; // too little text to retrieve
        }
        String passage = String.join("\n", headwords) + "\n" + body;
        Entry e = new Entry(entries.size(), List.copyOf(headwords),
                passage.length() > maxChars ? passage.substring(0, maxChars) : passage);
        entries.add(e);
        for (String h : headwords) {
            byHeadword.putIfAbsent(key(h), e);
        }
    }

    static String key(String headword) {
        return headword.strip().toLowerCase(Locale.ROOT);
    }

    /** dictd's base64 numbers: big-endian digits of A-Za-z0-9+/. */
    static long b64(String s) {
        String digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        long v = 0;
        for (char c : s.toCharArray()) {
            v = v * 64 + digits.indexOf(c);
        }
        return v;
    }
}
