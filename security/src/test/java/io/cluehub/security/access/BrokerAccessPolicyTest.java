package io.cluehub.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.access.BrokerAccessPolicy.OfficeInbox;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerAccessPolicyTest {

    private final BrokerAccessPolicy policy = new BrokerAccessPolicy("hub.inbound", "hub.rejected", "hub.dlq");
    private final List<Grant> grants = policy.grants(List.of(
            new OfficeInbox("SAMR-330106", "agency.SAMR-330106.inbox"),
            new OfficeInbox("CAC-330100", "agency.CAC-330100.inbox")));

    @Test
    void officesMaySendOnlyToTheInboundAddress() {
        assertThat(grants).filteredOn(g -> g.role().equals(BrokerAccessPolicy.ROLE_OFFICE))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.addressMatch()).isEqualTo("hub.inbound");
                    assertThat(g.permissions()).containsExactly(Permission.SEND);
                });
    }

    @Test
    void anOfficeMayOnlyConsumeItsOwnInbox() {
        assertThat(grants).filteredOn(g -> g.role().equals(BrokerAccessPolicy.officeRole("SAMR-330106")))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.addressMatch()).isEqualTo("agency.SAMR-330106.inbox");
                    assertThat(g.permissions()).containsExactly(Permission.CONSUME);
                });
    }

    @Test
    void noOfficeRoleMayCreateDeleteBrowseOrManage() {
        assertThat(grants).filteredOn(g -> g.role().startsWith("office"))
                .allSatisfy(g -> assertThat(g.permissions()).doesNotContain(
                        Permission.CREATE_ADDRESS, Permission.DELETE_ADDRESS, Permission.CREATE_DURABLE_QUEUE,
                        Permission.DELETE_DURABLE_QUEUE, Permission.CREATE_NON_DURABLE_QUEUE,
                        Permission.DELETE_NON_DURABLE_QUEUE, Permission.BROWSE, Permission.MANAGE));
    }

    @Test
    void operatorsMayReadParkedAndDeadLetteredMessagesOnly() {
        assertThat(grants).filteredOn(g -> g.role().equals(BrokerAccessPolicy.ROLE_OPERATOR))
                .extracting(Grant::addressMatch)
                .containsExactlyInAnyOrder("hub.rejected", "hub.dlq");
    }
}
