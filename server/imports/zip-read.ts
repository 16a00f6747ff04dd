// Reading an uploaded ZIP without trusting it: the central directory is read first and refused when
// it has too many entries, declares more than the total cap, or an entry is compressed past any
// plausible CSV ratio (a ZIP bomb); each entry is then read as a stream that fails the moment it
// yields more bytes than it declared (yauzl's size validation, and our own count).
import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from './errors.js';

export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressed: number;
  maxEntries: number;
  /** Largest uncompressed ÷ compressed size of an entry over 1 MiB. */
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = {
  maxUncompressed: 4 * 1024 ** 3,
  maxEntries: 64,
  maxRatio: 200,
};

export interface ZipEntry {
  name: string;
  size: number;
  open(): Promise<Readable>;
}

export interface OpenZip {
  entries: ZipEntry[];
  close(): void;
}

export async function openZip(
  path: string,
  file: string,
  limits = defaultZipLimits,
): Promise<OpenZip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, z) =>
        err
          ? reject(new ImportError('bad_zip', file, null, 'notZip', { error: err.message }))
          : resolve(z),
    ),
  );
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ImportError('bad_zip', file, null, 'zipEntries', {
        count: zip.entryCount,
        limit: limits.maxEntries,
      });
    }
    const raw: yauzl.Entry[] = await new Promise((resolve, reject) => {
      const list: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        list.push(e);
        zip.readEntry();
      });
      zip.once('end', () => resolve(list));
      zip.once('error', (err: Error) =>
        reject(new ImportError('bad_zip', file, null, 'zipUnreadable', { error: err.message })),
      );
      zip.readEntry();
    });
    let total = 0;
    for (const e of raw) {
      total += e.uncompressedSize;
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > 1024 ** 2 && ratio > limits.maxRatio) {
        throw new ImportError('zip_bomb', `${file}/${e.fileName}`, null, 'zipRatio', {
          ratio: Math.round(ratio),
        });
      }
    }
    if (total > limits.maxUncompressed) {
      throw new ImportError('zip_bomb', file, null, 'zipTotal', {
        bytes: total,
        limit: limits.maxUncompressed,
      });
    }
    const entries = raw
      .filter((e) => !e.fileName.endsWith('/'))
      .map((e) => ({
        name: e.fileName,
        size: e.uncompressedSize,
        async open(): Promise<Readable> {
          // A damaged local header (the central directory read fine) fails here, not in the stream.
          const stream = await zip.openReadStreamPromise(e).catch((err: Error) => {
            throw new ImportError('bad_zip', `${file}/${e.fileName}`, null, 'zipUnreadable', {
              error: err.message,
            });
          });
          let seen = 0;
          const guard = new Transform({
            transform(chunk: Buffer, _enc, done) {
              seen += chunk.length;
              if (seen > e.uncompressedSize) {
                done(new ImportError('zip_bomb', `${file}/${e.fileName}`, null, 'zipEntryLonger'));
              } else done(null, chunk);
            },
          });
          stream.once('error', (err) =>
            guard.destroy(
              err instanceof ImportError
                ? err
                : new ImportError('bad_zip', `${file}/${e.fileName}`, null, 'zipUnreadable', {
                    error: err.message,
                  }),
            ),
          );
          return stream.pipe(guard);
        },
      }));
    return { entries, close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err;
  }
}
