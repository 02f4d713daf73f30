package io.cluehub.broker;

/** The account the hub itself uses on the broker. Never logged. */
public record HubBrokerCredentials(String user, String password) {

    @Override
    public String toString() {
        return "HubBrokerCredentials[user=" + user + "]";
    }
}
