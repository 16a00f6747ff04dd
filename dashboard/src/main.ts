// Dashboard entry: mounts the app into #app (index.html has no inline script or style).
import { h, render } from 'preact';
import './styles.css';
import './pages.css';
import './goals.css';
import { applyDocumentLang, loadInitialLang } from './i18n/locale.js';
import { App } from './views/app.js';

const root = document.getElementById('app');
if (root) {
  // The chosen language's catalog is a chunk of its own: fetched before the first render.
  void loadInitialLang().then(() => {
    applyDocumentLang();
    root.replaceChildren();
    render(h(App, null), root);
    document.documentElement.dataset.ready = 'true';
  });
}
