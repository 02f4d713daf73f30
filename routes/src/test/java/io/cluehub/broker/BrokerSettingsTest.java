package io.cluehub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.support.Demo;
import io.cluehub.support.HubTestSupport;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The broker's journal, the broker's and the hub's client threads, and duplicate detection as the hub sets them (README
 * "Configuration"): both pools small enough that a hand-off seldom wakes a sleeping thread; the journal
 * syncs on the hub's schedule, not Artemis's NIO default of 3.3 ms, which every persistent send and every commit
 * waited for; and each address remembers as many duplicate-detection ids as the hub's resends need, not ten times
 * more, which the heap paid for per inbox.
 */
class BrokerSettingsTest {

    private static Configuration brokerConfiguration(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("cluehub.data-dir", HubTestSupport.tempDataDir().toString());
        return EmbeddedBrokerConfiguration.configuration(properties(all), Demo.directory(), null);
    }

    private static ClueHubProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("cluehub", ClueHubProperties.class);
    }

    @Test
    void theJournalSyncsAfterHalfAMillisecondByDefault() throws Exception {
        Configuration config = brokerConfiguration(Map.of());

        assertThat(config.getJournalBufferTimeout_NIO()).isEqualTo(500_000);
        assertThat(config.getJournalBufferTimeout_AIO()).isEqualTo(500_000);
    }

    @Test
    void anOperatorSetsTheBufferTimeoutForTheirDisk() throws Exception {
        Configuration config = brokerConfiguration(Map.of("cluehub.broker.journal-buffer-timeout", "3ms"));

        assertThat(config.getJournalBufferTimeout_NIO()).isEqualTo(3_000_000);
        assertThat(config.getJournalBufferTimeout_AIO()).isEqualTo(3_000_000);
    }

    @Test
    void aNegativeOrOverlongBufferTimeoutIsRefusedAtStart() {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            for (String timeout : new String[] {"-1ms", "2s"}) {
                Binder binder = new Binder(new MapConfigurationPropertySource(
                        Map.of("cluehub.broker.journal-buffer-timeout", timeout)));

                assertThatThrownBy(() -> binder.bind("cluehub", Bindable.of(ClueHubProperties.class),
                        new ValidationBindHandler(validator))).as(timeout).isInstanceOf(BindException.class)
                        .hasStackTraceContaining("journalBufferTimeout");
            }
        }
    }

    @Test
    void theHubsClientThreadsAreTwiceTheProcessorsAndAtLeastFourByDefault() {
        int expected = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        assertThat(properties(Map.of()).broker().clientThreads()).isEqualTo(expected)
                .isLessThan(ActiveMQClient.DEFAULT_GLOBAL_THREAD_POOL_MAX_SIZE);
        assertThat(properties(Map.of("cluehub.broker.client-thread-pool-max-size", "12")).broker().clientThreads())
                .isEqualTo(12);
    }

    @Test
    void theBrokersPoolIsTwiceTheProcessorsAndAtLeastFourByDefault() throws Exception {
        int expected = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        assertThat(brokerConfiguration(Map.of()).getThreadPoolMaxSize()).isEqualTo(expected);
        assertThat(brokerConfiguration(Map.of("cluehub.broker.thread-pool-max-size", "30")).getThreadPoolMaxSize())
                .isEqualTo(30);
    }

    @Test
    void theClientPoolIsSizedUnlessTheJvmWasToldOtherwise() {
        int before = ActiveMQClient.getGlobalThreadPoolSize();
        int scheduled = ActiveMQClient.getGlobalScheduledThreadPoolSize();
        int flowControl = ActiveMQClient.getGlobalFlowControlThreadPoolSize();
        try {
            BrokerClientConfiguration.sizeClientThreads(6);
            assertThat(ActiveMQClient.getGlobalThreadPoolSize()).isEqualTo(6);
            assertThat(ActiveMQClient.getGlobalScheduledThreadPoolSize()).isEqualTo(scheduled);
            assertThat(ActiveMQClient.getGlobalFlowControlThreadPoolSize()).isEqualTo(flowControl);

            System.setProperty(ActiveMQClient.THREAD_POOL_MAX_SIZE_PROPERTY_KEY, "20");
            BrokerClientConfiguration.sizeClientThreads(4);
            assertThat(ActiveMQClient.getGlobalThreadPoolSize()).as("the JVM's own setting wins").isEqualTo(6);
        } finally {
            System.clearProperty(ActiveMQClient.THREAD_POOL_MAX_SIZE_PROPERTY_KEY);
            ActiveMQClient.setGlobalThreadPoolProperties(before, scheduled, flowControl);
        }
    }

    @Test
    void aNegativePoolSizeIsRefusedAtStart() {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            Binder binder = new Binder(new MapConfigurationPropertySource(
                    Map.of("cluehub.broker.client-thread-pool-max-size", "-1")));
            Binder broker = new Binder(new MapConfigurationPropertySource(
                    Map.of("cluehub.broker.thread-pool-max-size", "-1")));

            assertThatThrownBy(() -> binder.bind("cluehub", Bindable.of(ClueHubProperties.class),
                    new ValidationBindHandler(validator))).isInstanceOf(BindException.class)
                    .hasStackTraceContaining("clientThreadPoolMaxSize");
            assertThatThrownBy(() -> broker.bind("cluehub", Bindable.of(ClueHubProperties.class),
                    new ValidationBindHandler(validator))).isInstanceOf(BindException.class)
                    .hasStackTraceContaining("threadPoolMaxSize");
        }
    }

    @Test
    void eachAddressRemembersTwentyThousandPersistedDuplicateIdsByDefault() throws Exception {
        Configuration config = brokerConfiguration(Map.of());

        assertThat(config.getIDCacheSize()).isEqualTo(20_000);
        assertThat(config.isPersistIDCache()).isTrue();
    }

    @Test
    void anOperatorSizesTheDuplicateIdCacheForTheirBusiestInbox() throws Exception {
        Configuration config = brokerConfiguration(Map.of("cluehub.broker.duplicate-id-cache-size", "100000"));

        assertThat(config.getIDCacheSize()).isEqualTo(100_000);
    }
}
