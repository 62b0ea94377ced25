package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The bytes on the wire, below any SDK's leniency: headers, error envelopes and the STS XML. */
@ExtendWith(BedrockEmulatorExtension.class)
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String NOVA = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"wire\"}]}]}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void invokeModelHeaders(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/model/amazon.nova-micro-v1%3A0/invoke",
                utf8(NOVA), "application/json", "bedrock");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(r.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        assertThat(r.headers().firstValue("Date").orElseThrow()).endsWith("GMT");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Input-Token-Count")).contains("1");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Output-Token-Count")).contains("3");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Invocation-Latency").orElseThrow()).matches("\\d+");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Cache-Read-Input-Token-Count")).contains("0");
        assertThat(r.headers().firstValue("Content-Length")).contains(Integer.toString(utf8(r.body()).length));
    }

    @Test
    void unsignedPayloadIsAcceptedAsTheSdkSendsItOverHttps(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/model/amazon.nova-micro-v1%3A0/invoke",
                utf8(NOVA), "application/json", "bedrock", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Echo: wire");
        assertThat(emulator.calls()).singleElement().satisfies(c -> assertThat(c.signatureValid()).isTrue());
    }

    @Test
    void streamHeaders(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(),
                "/model/amazon.nova-micro-v1%3A0/invoke-with-response-stream", utf8(NOVA), "application/json", "bedrock");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.amazon.eventstream");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Content-Type")).contains("application/json");
        assertThat(r.headers().firstValue("Transfer-Encoding")).contains("chunked");
        assertThat(r.headers().firstValue("X-Amzn-Bedrock-Input-Token-Count")).isEmpty();
        HttpResponse<String> converse = SignedHttp.post(emulator.endpoint(),
                "/model/amazon.nova-micro-v1%3A0/converse-stream", utf8(NOVA), "application/json", "bedrock");
        assertThat(converse.headers().firstValue("Content-Type")).contains("application/vnd.amazon.eventstream");
        assertThat(converse.headers().firstValue("X-Amzn-Bedrock-Content-Type")).isEmpty();
    }

    @Test
    void bedrockErrorEnvelope(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1).build());
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/model/amazon.nova-micro-v1%3A0/invoke",
                utf8(NOVA), "application/json", "bedrock");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("x-amzn-ErrorType"))
                .contains("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("message").asText()).isEqualTo("Too many requests, please wait before trying again.");
    }

    @Test
    void unknownOperationAndWrongMethod(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/model/amazon.nova-micro-v1%3A0/generate",
                utf8(NOVA), "application/json", "bedrock");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("UnknownOperationException:");
    }

    @Test
    void assumeRoleXml(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/", utf8("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FBedrockAccess&RoleSessionName=wire"),
                "application/x-www-form-urlencoded; charset=utf-8", "sts");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/xml");
        Element root = xml(r.body()).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("AssumeRoleResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(STS_NS);
        Element result = child(root, "AssumeRoleResult");
        Element credentials = child(result, "Credentials");
        assertThat(text(credentials, "AccessKeyId")).startsWith("ASIA");
        assertThat(text(credentials, "SecretAccessKey")).hasSize(40);
        assertThat(text(credentials, "SessionToken")).isNotBlank();
        assertThat(text(credentials, "Expiration")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        Element user = child(result, "AssumedRoleUser");
        assertThat(text(user, "Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/BedrockAccess/wire");
        assertThat(text(user, "AssumedRoleId")).endsWith(":wire");
        assertThat(text(child(root, "ResponseMetadata"), "RequestId"))
                .isEqualTo(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(emulator.calls()).singleElement().satisfies(c -> assertThat(c.parameters())
                .containsOnlyKeys("RoleArn", "RoleSessionName")
                .doesNotContainValue(text(credentials, "SecretAccessKey")));
    }

    @Test
    void stsErrorXml(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/", utf8("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FBedrockAccessWithExternalId&RoleSessionName=wire"),
                "application/x-www-form-urlencoded; charset=utf-8", "sts");
        assertThat(r.statusCode()).isEqualTo(403);
        Element root = xml(r.body()).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
        assertThat(root.getNamespaceURI()).isEqualTo(STS_NS);
        Element error = child(root, "Error");
        assertThat(text(error, "Type")).isEqualTo("Sender");
        assertThat(text(error, "Code")).isEqualTo("AccessDenied");
        assertThat(text(error, "Message")).isEqualTo("User: arn:aws:iam::111122223333:user/outcrop-deployment is not "
                + "authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/BedrockAccessWithExternalId");
        assertThat(text(root, "RequestId")).isEqualTo(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void unknownStsActionIsInvalidAction(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> r = SignedHttp.post(emulator.endpoint(), "/",
                utf8("Action=GetSessionToken&Version=2011-06-15"), "application/x-www-form-urlencoded", "sts");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(child(xml(r.body()).getDocumentElement(), "Error"), "Code")).isEqualTo("InvalidAction");
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(utf8(body)));
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }
}
