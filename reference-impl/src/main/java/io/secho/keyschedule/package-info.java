/** HKDF-SHA256 key schedule: traffic keys, nonce salts and Finished keys from the secret and transcript. */
package io.secho.keyschedule;
