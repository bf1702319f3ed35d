/** Socket helpers shared by client and server: absolute read deadlines and the graceful close. */
package io.secho.net;
