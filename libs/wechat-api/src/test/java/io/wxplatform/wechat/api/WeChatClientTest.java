package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WeChatClientTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String SECRET = "s3cr3t-0123456789abcdef0123456789ab";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final WeChatClient client = WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl()));

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void stableTokenPostsTheCredentialsAsJsonAndReturnsTheToken() {
        wechat.answer("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}");

        AccessToken token = client.tokens().stableToken(APP_ID, SECRET, true).block();

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(token.expiresIn()).isEqualTo(Duration.ofHours(2));
        assertThat(token.toString()).doesNotContain(TOKEN);
        FakeWeChat.Request request = wechat.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/cgi-bin/stable_token");
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("grant_type").asString()).isEqualTo("client_credential");
        assertThat(body.path("appid").asString()).isEqualTo(APP_ID);
        assertThat(body.path("secret").asString()).isEqualTo(SECRET);
        assertThat(body.path("force_refresh").asBoolean()).isTrue();
    }

    @Test
    void classicTokenSendsTheCredentialsInTheQueryString() {
        wechat.answer("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}");

        AccessToken token = client.tokens().token(APP_ID, "a+b/c=").block();

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(wechat.lastRequest().uri())
                .isEqualTo("/cgi-bin/token?grant_type=client_credential&appid=" + APP_ID + "&secret=a%2Bb%2Fc%3D");
    }

    @Test
    void jsapiTicketIsFetchedWithTheAccessTokenAndHidesItsValue() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET-123\",\"expires_in\":7200}");

        Ticket ticket = client.tickets().jsapiTicket(APP_ID, TOKEN).block();

        assertThat(ticket.value()).isEqualTo("TICKET-123");
        assertThat(ticket.expiresIn()).isEqualTo(Duration.ofHours(2));
        assertThat(ticket.toString()).doesNotContain("TICKET-123");
        assertThat(wechat.lastRequest().uri())
                .isEqualTo("/cgi-bin/ticket/getticket?access_token=" + TOKEN + "&type=jsapi");
    }

    @Test
    void aRefusedTicketCallBecomesATypedExceptionWithoutTheToken() {
        wechat.answer("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid\"}");

        WeChatApiException error = failure(client.tickets().jsapiTicket(APP_ID, TOKEN));

        assertThat(error.category()).isEqualTo(ErrorCategory.TOKEN_INVALID);
        assertThat(error.api()).isEqualTo("/cgi-bin/ticket/getticket");
        assertThat(error.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void anAnswerWithoutATokenIsAnUnexpectedResponse() {
        wechat.answer("{\"errcode\":0}");

        WeChatApiException error = failure(client.tokens().stableToken(APP_ID, SECRET, false));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.UNEXPECTED_RESPONSE);
        assertThat(error.api()).isEqualTo("/cgi-bin/stable_token");
    }

    @Test
    void customTextMessageIsRenderedAsWeChatJsonWithTheTokenInTheQuery() {
        client.messages()
                .sendCustom(APP_ID, TOKEN, new CustomMessage.Text("oFollower", "你好 world"))
                .block();

        FakeWeChat.Request request = wechat.lastRequest();
        assertThat(request.uri()).isEqualTo("/cgi-bin/message/custom/send?access_token=" + TOKEN);
        assertThat(json.readTree(request.body()))
                .isEqualTo(json.readTree(
                        "{\"touser\":\"oFollower\",\"msgtype\":\"text\",\"text\":{\"content\":\"你好 world\"}}"));
    }

    @Test
    void customImageMessageCarriesTheMediaId() {
        client.messages()
                .sendCustom(APP_ID, TOKEN, new CustomMessage.Image("oFollower", "MEDIA_ID"))
                .block();

        assertThat(json.readTree(wechat.lastRequest().body()))
                .isEqualTo(json.readTree(
                        "{\"touser\":\"oFollower\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"MEDIA_ID\"}}"));
    }

    @ParameterizedTest
    @CsvSource({
        "40001, TOKEN_INVALID", "42001, TOKEN_INVALID", "-1, RETRYABLE", "45011, RATE_LIMITED",
        "45009, QUOTA_EXCEEDED", "45047, QUOTA_EXCEEDED", "45015, WINDOW", "48001, PERMISSION",
        "40125, CONFIGURATION", "40003, INVALID_REQUEST"
    })
    void aWeChatErrcodeBecomesATypedExceptionWithItsCategory(int errcode, ErrorCategory category) {
        wechat.answer("{\"errcode\":" + errcode + ",\"errmsg\":\"something rid: 1234\"}");

        WeChatApiException error =
                failure(client.messages().sendCustom(APP_ID, TOKEN, new CustomMessage.Text("oFollower", "hi")));

        assertThat(error.errcode()).isEqualTo(errcode);
        assertThat(error.category()).isEqualTo(category);
        assertThat(error.appId()).isEqualTo(APP_ID);
        assertThat(error.api()).isEqualTo("/cgi-bin/message/custom/send");
        assertThat(error.errmsg()).isEqualTo("something rid: 1234");
    }

    @Test
    void aServerErrorIsRetryable() {
        wechat.answer(502, "<html>Bad Gateway</html>");

        WeChatApiException error = failure(client.tokens().stableToken(APP_ID, SECRET, false));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.SERVER_ERROR);
        assertThat(error.category()).isEqualTo(ErrorCategory.RETRYABLE);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnexpectedResponse() {
        wechat.answer("<html>maintenance</html>");

        WeChatApiException error = failure(client.tokens().stableToken(APP_ID, SECRET, false));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.UNEXPECTED_RESPONSE);
        assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    }

    @Test
    void aSlowAnswerTimesOutAsARetryableTransportFailure() {
        wechat.delay(Duration.ofSeconds(3));
        WeChatClient impatient =
                WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl()).withTimeout(Duration.ofMillis(300)));

        WeChatApiException error =
                failure(impatient.messages().sendCustom(APP_ID, TOKEN, new CustomMessage.Text("oFollower", "hi")));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.TRANSPORT_FAILURE);
        assertThat(error.category()).isEqualTo(ErrorCategory.RETRYABLE);
        assertThat(error.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedConnectionIsARetryableTransportFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WeChatClient nowhere = WeChatClient.create(WeChatClientConfig.of("http://127.0.0.1:" + closedPort));

        WeChatApiException error = failure(nowhere.tokens().token(APP_ID, SECRET));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.TRANSPORT_FAILURE);
        assertThat(error.category()).isEqualTo(ErrorCategory.RETRYABLE);
        assertThat(error.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void anObservedCallThatFailsRecordsAnErrorWithoutTheTokenBearingUrl() throws IOException, InterruptedException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Observation.Context> observed = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context);
                stopped.countDown();
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        WeChatClient nowhere = WeChatClient.create(WeChatClientConfig.of("http://127.0.0.1:" + closedPort), registry);

        failure(nowhere.messages().sendCustom(APP_ID, TOKEN, new CustomMessage.Text("oFollower", "hi")));

        // The observation stops once the client has delivered the error, possibly just after the caller saw it.
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(observed).singleElement().satisfies(context -> {
            // What a span records of a failure: the exception with its stack and suppressed (checkpoint) traces.
            StringWriter recorded = new StringWriter();
            context.getError().printStackTrace(new PrintWriter(recorded));
            assertThat(recorded.toString()).contains("connection failed").doesNotContain(TOKEN);
            assertThat(context.getAllKeyValues().stream().map(KeyValue::getValue))
                    .noneMatch(v -> v.contains(TOKEN))
                    .contains("/cgi-bin/message/custom/send");
            assertThat(context.getContextualName()).isEqualTo("wechat POST /cgi-bin/message/custom/send");
        });
    }

    @Test
    void exceptionMessagesNeverContainTheSecretOrTheToken() {
        wechat.answer("{\"errcode\":40125,\"errmsg\":\"invalid appsecret " + SECRET
                + " for /cgi-bin/token?appid=x&secret=" + SECRET + "&access_token=" + TOKEN + "\"}");

        WeChatApiException viaQuery = failure(client.tokens().token(APP_ID, SECRET));
        WeChatApiException viaBody = failure(client.tokens().stableToken(APP_ID, SECRET, false));
        wechat.answer("{\"errcode\":40125,\"errmsg\":\"token " + TOKEN + " for /x?access_token=" + TOKEN + "\"}");
        WeChatApiException viaToken =
                failure(client.messages().sendCustom(APP_ID, TOKEN, new CustomMessage.Text("oFollower", "hi")));

        for (WeChatApiException error : new WeChatApiException[] {viaQuery, viaBody, viaToken}) {
            assertThat(error.getMessage())
                    .doesNotContain(SECRET)
                    .doesNotContain(TOKEN)
                    .contains("***");
            assertThat(error.errmsg()).doesNotContain(SECRET).doesNotContain(TOKEN);
            assertThat(error.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        }
    }

    private static WeChatApiException failure(Mono<?> call) {
        return catchThrowableOfType(WeChatApiException.class, call::block);
    }
}
