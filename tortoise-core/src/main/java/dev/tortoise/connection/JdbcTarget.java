package dev.tortoise.connection;

import org.jspecify.annotations.Nullable;

/**
 * A connection's database as JDBC reaches it: URL, user and password. {@link #toString()}
 * shows the connection and URL, never the password.
 * @param connection the Tortoise connection's name
 * @param url the JDBC URL
 * @param user the user, if any
 * @param password the password, if any
 */
public record JdbcTarget(String connection, String url, @Nullable String user, @Nullable String password) {

	@Override
	public String toString() {
		return "JdbcTarget[connection=" + this.connection + ", url=" + this.url + ", user=" + this.user
				+ ((this.password != null) ? ", password=******]" : "]");
	}

}
