package dev.outcrop.bedrock.emulator.internal.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** S3's XML documents: errors and ListObjectsV2 results, written by hand as S3 writes them. */
final class S3Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    static byte[] error(S3Error error, String requestId) {
        S3Xml xml = new S3Xml();
        xml.out.append("<Error>");
        xml.element("Code", error.code).element("Message", error.getMessage());
        if (error.resource != null) {
            xml.element(error.code.equals("NoSuchBucket") ? "BucketName" : "Key", error.resource);
        }
        xml.element("RequestId", requestId).element("HostId", "outcrop-emulator");
        xml.out.append("</Error>");
        return xml.bytes();
    }

    S3Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    S3Xml openRoot(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return this;
    }

    S3Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    S3Xml element(String name, String value) {
        out.append('<').append(name).append('>');
        escape(value);
        out.append("</").append(name).append('>');
        return this;
    }

    static String timestamp(Instant at) {
        return ISO_MILLIS.format(at);
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
