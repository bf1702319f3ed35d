/** Alert codes and the exceptions that carry them between the parsers and the connection drivers. */
package io.secho.alert;
