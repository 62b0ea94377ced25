package dev.outcrop.bedrock.emulator.internal.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A request in the test suite's text form (request line, "Name:value" headers, blank line, body). */
record RawRequest(String method, String path, String query, List<String[]> headers, byte[] body)
        implements SignedRequest {

    static RawRequest load(String resource) {
        try (InputStream in = RawRequest.class.getResourceAsStream("/sigv4/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawRequest parse(String text) {
        int split = text.indexOf("\n\n");
        String head = text.substring(0, split);
        String body = text.substring(split + 2);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int q = target.indexOf('?');
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1)});
        }
        return new RawRequest(method, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest withHeader(String name, String value) {
        List<String[]> copy = new ArrayList<>();
        for (String[] h : headers) {
            copy.add(h[0].equalsIgnoreCase(name) ? new String[] {h[0], value} : h);
        }
        return new RawRequest(method, path, query, copy, body);
    }

    @Override
    public String rawPath() {
        return path;
    }

    @Override
    public String rawQuery() {
        return query;
    }

    @Override
    public String header(String name) {
        List<String> all = all(name.toLowerCase(Locale.ROOT));
        return all.isEmpty() ? null : all.get(0);
    }

    @Override
    public List<String> all(String lowerCaseName) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                out.add(h[1]);
            }
        }
        return out;
    }
}
