import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppLink } from './components/AppLink';
import './styles.css';

// DSFR components (header, navigation) render their links through the app's router.
startReactDsfr({ defaultColorScheme: 'light', Link: AppLink });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof AppLink;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
