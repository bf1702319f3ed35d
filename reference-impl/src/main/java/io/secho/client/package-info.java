/** The reference client: connect with suite fallback, echo, authenticated close. */
package io.secho.client;
