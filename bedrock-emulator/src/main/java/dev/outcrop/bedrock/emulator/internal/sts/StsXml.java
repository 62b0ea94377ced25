package dev.outcrop.bedrock.emulator.internal.sts;

import java.nio.charset.StandardCharsets;

/** The awsQuery XML envelopes STS answers with. */
final class StsXml {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {
    }

    /** {@code <OpResponse><OpResult>result</OpResult><ResponseMetadata>..</ResponseMetadata></OpResponse>}. */
    static byte[] success(String operation, String resultXml, String requestId) {
        String xml = "<" + operation + "Response xmlns=\"" + NAMESPACE + "\">\n"
                + "  <" + operation + "Result>\n" + resultXml
                + "  </" + operation + "Result>\n"
                + "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n  </ResponseMetadata>\n"
                + "</" + operation + "Response>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(StsError error, String requestId) {
        String xml = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>" + (error.sender() ? "Sender" : "Receiver") + "</Type>\n"
                + "    <Code>" + escape(error.code()) + "</Code>\n"
                + "    <Message>" + escape(error.getMessage()) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String element(String indent, String name, String value) {
        return indent + "<" + name + ">" + escape(value) + "</" + name + ">\n";
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped; drop them.
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
