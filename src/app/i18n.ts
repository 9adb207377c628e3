// English and Chinese strings through i18next; the choice is kept in browser storage.
// English ships with the app; Chinese is its own chunk, loaded only when chosen (the first
// route's JS budget). main.tsx waits for i18nReady, so Chinese users never see English first.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';

export type Language = 'en' | 'zh';
const STORAGE_KEY = 'ordinal.language';

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let zhLoading: Promise<void> | undefined;
function loadZh(): Promise<void> {
  zhLoading ??= import('../locales/zh.json').then(
    (m) => {
      i18n.addResourceBundle('zh', 'translation', m.default, true, true);
    },
    (err: unknown) => {
      zhLoading = undefined; // a failed chunk fetch may be retried by the next switch
      throw err;
    },
  );
  return zhLoading;
}

// The language last asked for: a slow zh load must not override a later switch back to en.
let wanted: Language = 'en';

async function apply(lang: Language): Promise<void> {
  wanted = lang;
  if (lang === 'zh') await loadZh();
  if (wanted !== lang) return;
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

/** Resolves when the start-up language's strings are in place (English if zh fails to load). */
export const i18nReady: Promise<void> = initialLanguage() === 'zh' ? apply('zh').catch(() => undefined) : Promise.resolve();

export function setLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  void apply(lang).catch(() => undefined);
}
