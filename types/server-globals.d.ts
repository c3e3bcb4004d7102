// Fetch and WebCrypto type names that Node 20 has at run time but @types/node 20 does not declare
// globally (the DOM lib declares them for browser code). Only tsconfig.server.json includes this
// file, so relay, sandbox and dev code can name them without taking in the DOM lib.
type HeadersInit = ConstructorParameters<typeof Headers>[0];
type BodyInit = Exclude<ConstructorParameters<typeof Response>[0], undefined>;
type CryptoKey = import('node:crypto').webcrypto.CryptoKey;
