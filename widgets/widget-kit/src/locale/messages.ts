import type { ConnectionStatus } from '@quoteline/client';

/** Every word a market widget shows or speaks itself; one table per language. */
export interface Messages {
  status: Record<ConnectionStatus | 'unavailable', string>;
  paused: string;
  pausedTitle(feed: string): string;
  pausedSpoken(feed: string): string;
  tryAgain: string;
  retry: string;
  retrying: string;
  problem: {
    unknownTopic(feed: string): { title: string; hint: string };
    deleted: { title: string; hint: string };
    forbidden: { title: string; hint: string };
    signedOut: { title: string; hint: string };
    invalidTopic(feed: string): { title: string; hint: string };
  };
  columns: Record<'symbol' | 'name' | 'last' | 'change' | 'changePercent' | 'bid' | 'ask' | 'time', string>;
  boardCaption(title: string, feed: string): string;
  boardEmpty: string;
  tapePlay: string;
  tapePause: string;
  tapeEmpty: string;
  tapeListLabel: string;
  direction: Record<'up' | 'down' | 'flat', string>;
  chartHistoryFailed(symbol: string): string;
  chartLoading(symbol: string): string;
  tradeElsewhere: string;
  tradeLink: string;
}

const en: Messages = {
  status: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: waiting for the network',
    unavailable: 'Unavailable',
  },
  paused: 'Paused',
  pausedTitle: (feed) => `Feed ${feed} is paused: prices are not updating`,
  pausedSpoken: (feed) => `: feed ${feed} is not updating`,
  tryAgain: 'Try again',
  retry: 'Retry',
  retrying: 'Retrying…',
  problem: {
    unknownTopic: (feed) => ({
      title: `No feed "${feed}"`,
      hint: 'Check the feed name, or ask an admin to create it; this widget shows it as soon as it exists.',
    }),
    deleted: {
      title: 'This feed was removed',
      hint: 'An admin deleted it; this widget shows it again if it is created anew.',
    },
    forbidden: {
      title: 'Not available with this key',
      hint: "Try again once the site's owner has changed the key; the rest of the page is not affected.",
    },
    signedOut: { title: 'Signed out', hint: 'Sign in again to see this.' },
    invalidTopic: (feed) => ({ title: `Cannot show feed "${feed}"`, hint: 'Check the feed name in the page.' }),
  },
  columns: {
    symbol: 'Symbol',
    name: 'Name',
    last: 'Last',
    change: 'Change',
    changePercent: 'Change %',
    bid: 'Bid',
    ask: 'Ask',
    time: 'Time',
  },
  boardCaption: (title, feed) => `${title}: live quotes of feed ${feed}`,
  boardEmpty: 'This feed has no instruments yet.',
  tapePlay: 'Play',
  tapePause: 'Pause',
  tapeEmpty: 'No instruments to show.',
  tapeListLabel: 'Last prices and changes since the open',
  direction: { up: 'up', down: 'down', flat: 'unchanged' },
  chartHistoryFailed: (symbol) => `Could not load the chart history of ${symbol}.`,
  chartLoading: (symbol) => `Loading the chart of ${symbol}…`,
  tradeElsewhere: 'Trading happens on Quoteline itself, where you are signed in.',
  tradeLink: 'Trade on Quoteline ↗',
};

const de: Messages = {
  status: {
    idle: 'Nicht verbunden',
    connecting: 'Verbinde…',
    live: 'Live',
    reconnecting: 'Verbinde neu…',
    offline: 'Offline: warte auf das Netzwerk',
    unavailable: 'Nicht verfügbar',
  },
  paused: 'Angehalten',
  pausedTitle: (feed) => `Feed ${feed} ist angehalten: Kurse werden nicht aktualisiert`,
  pausedSpoken: (feed) => `: Feed ${feed} wird nicht aktualisiert`,
  tryAgain: 'Erneut versuchen',
  retry: 'Wiederholen',
  retrying: 'Wiederhole…',
  problem: {
    unknownTopic: (feed) => ({
      title: `Kein Feed „${feed}“`,
      hint: 'Prüfen Sie den Feed-Namen oder bitten Sie einen Admin, ihn anzulegen; dieses Widget zeigt ihn, sobald es ihn gibt.',
    }),
    deleted: {
      title: 'Dieser Feed wurde entfernt',
      hint: 'Ein Admin hat ihn gelöscht; dieses Widget zeigt ihn wieder, wenn er neu angelegt wird.',
    },
    forbidden: {
      title: 'Mit diesem Schlüssel nicht verfügbar',
      hint: 'Versuchen Sie es erneut, wenn der Betreiber der Seite den Schlüssel geändert hat; der Rest der Seite ist nicht betroffen.',
    },
    signedOut: { title: 'Abgemeldet', hint: 'Melden Sie sich erneut an, um dies zu sehen.' },
    invalidTopic: (feed) => ({
      title: `Feed „${feed}“ kann nicht angezeigt werden`,
      hint: 'Prüfen Sie den Feed-Namen in der Seite.',
    }),
  },
  columns: {
    symbol: 'Symbol',
    name: 'Name',
    last: 'Letzter',
    change: 'Änderung',
    changePercent: 'Änderung %',
    bid: 'Geld',
    ask: 'Brief',
    time: 'Zeit',
  },
  boardCaption: (title, feed) => `${title}: Live-Kurse des Feeds ${feed}`,
  boardEmpty: 'Dieser Feed hat noch keine Instrumente.',
  tapePlay: 'Abspielen',
  tapePause: 'Anhalten',
  tapeEmpty: 'Keine Instrumente anzuzeigen.',
  tapeListLabel: 'Letzte Kurse und Änderungen seit Eröffnung',
  direction: { up: 'gestiegen', down: 'gefallen', flat: 'unverändert' },
  chartHistoryFailed: (symbol) => `Der Kursverlauf von ${symbol} konnte nicht geladen werden.`,
  chartLoading: (symbol) => `Lade den Chart von ${symbol}…`,
  tradeElsewhere: 'Gehandelt wird auf Quoteline selbst, wo Sie angemeldet sind.',
  tradeLink: 'Auf Quoteline handeln ↗',
};

/** The message tables by language subtag; English is the fallback. */
export const MESSAGES: Readonly<Record<'en' | 'de', Messages>> = { en, de };

/** The message table of a locale by its language (`de-AT` → German); English for any other. */
export function messagesFor(locale: string): Messages {
  const language = locale.split('-')[0]?.toLowerCase();
  return language === 'de' ? de : en;
}
