/**
 * Checkpoints on any Hadoop file system: {@link io.tether.core.checkpoint.CheckpointStore} writes
 * versions of named files per role ({@code policy}, {@code critic}, {@code reward}, ...) and reads
 * them back verified.
 *
 * <pre>
 * &lt;run&gt;/checkpoints/&lt;role&gt;/
 *   v000006/                      complete version: files + CHECKSUMS
 *   v000007/model.params          any names the caller chooses ([A-Za-z0-9._-], not starting with '.')
 *   v000007/CHECKSUMS             "&lt;sha256 hex&gt; &lt;size&gt; &lt;name&gt;" per file, sorted by name, written last
 *   .v000008.tmp-&lt;uuid&gt;/          a writer at work (or crashed): invisible to readers
 *   LATEST                        "v000007": replaced by rename once v000007 is complete
 * </pre>
 *
 * <p>Guarantees: a version becomes visible only complete (its temporary directory is renamed
 * after {@code CHECKSUMS} is written); opening verifies size and SHA-256 of every listed file;
 * files in a version directory that {@code CHECKSUMS} does not list are ignored; readers that find
 * {@code LATEST} missing, unreadable or pointing at an incomplete version use the highest
 * complete version. Errors are unchecked {@link io.tether.core.checkpoint.CheckpointException}s
 * naming the URI concerned; invalid names are {@link java.lang.IllegalArgumentException}s.
 */
package io.tether.core.checkpoint;
