/**
 * The page script, bundled by esbuild. For now it holds the session time-out warning: shortly before the
 * server would end the session, a dialog says so and offers to extend it. Everything else works without it.
 */
import { startSessionTimer } from './session-timer';
import './browser-support';
import { startEnvCheck } from './envcheck';
import { startCardLogin } from './card-login';

document.addEventListener('DOMContentLoaded', () => {
  startSessionTimer(document);
  if (document.getElementById('envcheck')) startEnvCheck(document);
  startCardLogin(document);
});
