/**
 * Entry: the stylesheet (render-blocking, so the static shell in index.html paints styled) and the app, loaded
 * as its own chunk. Running the app from this module directly would let the browser execute it before its
 * first paint; behind a dynamic import the shell paints while the app loads.
 */
import './index.css';

void import('./boot.js');
