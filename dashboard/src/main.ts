// Dashboard entry: mounts the app into #app (index.html has no inline script or style).
import { h, render } from 'preact';
import './styles.css';
import './pages.css';
import { applyDocumentLang } from './i18n/locale.js';
import { App } from './views/app.js';

const root = document.getElementById('app');
if (root) {
  applyDocumentLang();
  root.replaceChildren();
  render(h(App, null), root);
  document.documentElement.dataset.ready = 'true';
}
