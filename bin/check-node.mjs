// `npm test` runs this first, so an old Node fails with a message rather than a syntax error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Petrel needs Node.js 24 or newer; this is Node ${process.version}.`);
  process.exit(1);
}
