// Refuses Node older than 24 with a clear message. The launcher imports it before anything
// else loads (the sources are TypeScript run by Node 24's type stripping, which older versions
// cannot read), and `npm test` runs it first.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Petrel needs Node.js 24 or newer; this is Node ${process.version}.\n` +
      'Install Node 24 (for example: npm install --prefix ~/.local/node24 node@24, then put ' +
      '~/.local/node24/node_modules/.bin first on PATH) and run the command again.',
  );
  process.exit(1);
}
