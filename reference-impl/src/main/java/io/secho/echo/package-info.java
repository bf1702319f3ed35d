/** The echo semantic: strict UTF-8 validation and the locale-independent full upper-case mapping. */
package io.secho.echo;
