import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const require = createRequire(import.meta.url);

/**
 * The DSFR stylesheets, fonts, icons and favicons are served from `public/dsfr`, which is not
 * committed: react-dsfr's own `copy-dsfr-to-public` script fills it (and skips when its version
 * file is current), at the start of every build and dev server, so a clean checkout builds.
 */
function dsfrStaticAssets(): Plugin {
  return {
    name: 'rouage:dsfr-static-assets',
    async buildStart() {
      const publicDsfr = path.join(root, 'public', 'dsfr');
      // The script gives up when the public folder is missing.
      mkdirSync(path.dirname(publicDsfr), { recursive: true });
      const { main } = require('@codegouvfr/react-dsfr/bin/copy-dsfr-to-public') as { main: (args: string[]) => Promise<void> };
      await main(['--projectDir', root]);
      // The script keeps only the icons dsfr.min.css uses; the icon classes (fr-icon-*) of
      // utility/icons/icons.min.css need the others. react-dsfr's `only-include-used-icons` would
      // rewrite files inside node_modules, so the icon set is copied whole instead (about 4 MB).
      const dsfrDist = path.join(path.dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr');
      cpSync(path.join(dsfrDist, 'icons'), path.join(publicDsfr, 'icons'), { recursive: true, force: false });
    },
  };
}

export default defineConfig({
  root,
  plugins: [dsfrStaticAssets(), react()],
  // @bpmn-io/form-js-editor pins its own Preact while the properties panel it renders uses the
  // top-level one: two copies break hooks ("reading 'context'"). One copy for all.
  resolve: { dedupe: ['preact'] },
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
