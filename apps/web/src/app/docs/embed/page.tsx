import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { CANDLE_INTERVALS } from '@quoteline/protocol/patterns';
import { QUOTE_BOARD_COLUMNS } from '@quoteline/quote-board';
import { COLOR_TOKENS, LAYOUT_TOKENS, MESSAGES } from '@quoteline/widget-kit';

export const metadata: Metadata = { title: 'Embedding Quoteline widgets' };

// The snippet names this server's address, as the reader reached it.
export const dynamic = 'force-dynamic';

/** What the snippet says in place of a real key; an admin makes the key (see "Embed keys and origins"). */
const KEY_PLACEHOLDER = 'pk_YOUR_KEY';

/** The widgets of the snippet, which this page also mounts live, with exactly these attributes. */
const EXAMPLE: Record<string, string>[] = [
  { 'data-quoteline': 'ticker-tape', 'data-feed': 'demo', 'data-symbols': 'ACME,GLOBX,HOOLI,TYRL' },
  { 'data-quoteline': 'quote-board', 'data-feed': 'demo', 'data-columns': 'symbol,last,change,changePercent' },
];

const attributesOf = (attributes: Record<string, string>) =>
  Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');

/** This server's origin as the reader's browser named it (through a proxy: the forwarded host and scheme). */
async function thisOrigin(): Promise<string> {
  const h = await headers();
  const last = (name: string) => h.get(name)?.split(',').at(-1)?.trim() || null;
  const host = last('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  return `${last('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${host}`;
}

type Attribute = { name: string; values: ReactNode; default: ReactNode; meaning: ReactNode };

const list = (values: readonly string[]) =>
  values.map((v, i) => (
    <span key={v}>
      {i > 0 && ', '}
      <code>{v}</code>
    </span>
  ));

const FEED: Attribute = {
  name: 'data-feed',
  values: 'a feed slug: 1-32 lowercase letters, digits or dashes',
  default: <code>demo</code>,
  meaning: 'the feed whose live quotes the widget shows; the embed key must allow it',
};

const THEME: Attribute = {
  name: 'data-theme',
  values: (
    <>
      <code>light</code>, <code>dark</code>
    </>
  ),
  default: "the reader's preference",
  meaning: "colours; any other value follows the reader's light or dark preference (prefers-color-scheme)",
};

const TOKENS: Attribute = {
  name: 'data-tokens',
  values: (
    <>
      <code>name: value</code> pairs split by <code>;</code>, e.g. <code>up: #0a7d32; radius: 0</code>
    </>
  ),
  default: 'none',
  meaning: (
    <>
      this widget&apos;s <a href="#theming">theme tokens</a>; an unknown name or a value that is not a plain CSS value
      (such as <code>url(…)</code>) shows the misconfiguration message
    </>
  ),
};

const LOCALE: Attribute = {
  name: 'data-locale',
  values: (
    <>
      a BCP 47 tag: <code>de-DE</code>, <code>en-GB</code>, <code>fr-CH</code>…
    </>
  ),
  default: "the reader's browser language",
  meaning: 'how numbers, dates and times are written, and the words (German for de-*, English otherwise)',
};

const TAPE: Attribute[] = [
  FEED,
  {
    name: 'data-symbols',
    values: 'a comma list of 1 to 50 symbols (uppercase), duplicates dropped',
    default: 'every symbol of the feed',
    meaning: 'which instruments scroll by, in this order; symbols the feed (or the key) does not have are left out',
  },
  {
    name: 'data-speed',
    values: '10 to 400',
    default: <code>60</code>,
    meaning: 'scrolling speed in pixels per second',
  },
  {
    name: 'data-title',
    values: 'up to 80 characters',
    default: <code>Ticker tape</code>,
    meaning: 'the name screen readers give the tape (it has no visible heading)',
  },
  THEME,
  TOKENS,
  LOCALE,
];

const BOARD: Attribute[] = [
  FEED,
  {
    name: 'data-columns',
    values: <>a comma list of {list(QUOTE_BOARD_COLUMNS)}</>,
    default: 'all of them, in that order',
    meaning: 'which columns, in this order (changePercent is the change since the open in percent)',
  },
  {
    name: 'data-title',
    values: 'up to 80 characters',
    default: <code>Quotes</code>,
    meaning: 'the heading above the table',
  },
  THEME,
  TOKENS,
  LOCALE,
];

const CHART: Attribute[] = [
  {
    name: 'data-symbol',
    values: '1-12 uppercase letters, digits, dots or dashes',
    default: 'required',
    meaning: 'the instrument to chart',
  },
  { ...FEED, meaning: 'the feed whose live quotes extend the last candle' },
  {
    name: 'data-interval',
    values: list(CANDLE_INTERVALS),
    default: <code>1m</code>,
    meaning: 'length of each candle',
  },
  {
    name: 'data-kind',
    values: (
      <>
        <code>candles</code>, <code>line</code>
      </>
    ),
    default: <code>candles</code>,
    meaning: 'candlesticks, or a line of closing prices',
  },
  {
    name: 'data-title',
    values: 'up to 80 characters',
    default: 'the symbol',
    meaning: 'the heading above the chart',
  },
  THEME,
  TOKENS,
  LOCALE,
];

const TRADING: Attribute[] = [
  {
    ...FEED,
    name: 'data-feed',
    meaning: 'order-ticket and portfolio only: the feed whose quotes they price orders and holdings with',
  },
  THEME,
  TOKENS,
];

/**
 * A table of the guide: the first cell of each row heads it. On narrow screens
 * each row becomes a block; cells of tables wider than two columns then say
 * their column's name.
 */
function DocsTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: ReactNode[][] }) {
  return (
    <div className="docs-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([head, ...cells], i) => (
            <tr key={i}>
              <th scope="row">{head}</th>
              {cells.map((cell, c) => (
                <td key={c} data-label={columns.length > 2 ? columns[c + 1] : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An attribute table of one widget. */
const AttributeTable = ({ caption, rows }: { caption: string; rows: Attribute[] }) => (
  <DocsTable
    caption={caption}
    columns={['Attribute', 'Values', 'Default', 'Meaning']}
    rows={rows.map((row) => [<code key="name">{row.name}</code>, row.values, row.default, row.meaning])}
  />
);

type Messages = (typeof MESSAGES)['en'];
/** One state: what the widget shows, and what it means. */
type StateRow = [ReactNode, ReactNode];

const statusRows = (en: Messages): StateRow[] => [
  [en.status.connecting, 'Opening the connection; the table or tape shows grey placeholders until the first quotes.'],
  [en.status.live, 'Quotes are arriving.'],
  [
    en.status.reconnecting,
    'The connection dropped; it comes back by itself and catches up, and the last prices stay on screen meanwhile.',
  ],
  [en.status.offline, 'The browser is offline; the widget reconnects when the network returns.'],
  [en.status.unavailable, "The connection is fine but this widget's feed is not on it; the notice below says why."],
  [
    `❚❚ ${en.paused}`,
    'An admin paused the feed: prices are not updating (they are not stale by accident). It goes away when the feed resumes.',
  ],
];

const problemRows = (en: Messages): StateRow[] => {
  const { unknownTopic, deleted, forbidden, invalidTopic, signedOut } = en.problem;
  return [
    [unknownTopic('…').title, unknownTopic('…').hint],
    [deleted.title, deleted.hint],
    [forbidden.title, `The embed key does not allow this feed, or was revoked or narrowed. ${forbidden.hint}`],
    [invalidTopic('…').title, invalidTopic('…').hint],
    [
      signedOut.title,
      `Only on Quoteline itself, for data that needs a session: the reader signed out or the session ended. ${signedOut.hint}`,
    ],
  ];
};

const loaderRows = (en: Messages): StateRow[] => [
  [
    'Quoteline widgets are not authorised for this site. …',
    "The key does not exist, was revoked, or does not list this page's origin. Ask the admin to add the origin to the key.",
  ],
  ['Quoteline is unreachable right now.', 'The page could not reach Quoteline at all; a Retry button asks again.'],
  [
    'This Quoteline widget is misconfigured: …',
    'An attribute is outside its values (see the tables above); the message names it.',
  ],
  [
    'Quoteline: there is no widget called “…”.',
    <>
      <code>data-quoteline</code> names no widget.
    </>,
  ],
  [
    en.chartHistoryFailed('ACME'),
    'A price chart could not load its history (for example a symbol the key does not allow); Retry.',
  ],
];

/** What a widget shows, and what it means. */
const StatesTable = ({ caption, means, rows }: { caption: string; means: string; rows: StateRow[] }) => (
  <DocsTable caption={caption} columns={['Shows', means]} rows={rows} />
);

const SECTIONS = [
  ['snippet', 'Add widgets to a page'],
  ['live', 'Live example'],
  ['widgets', 'Widgets and their attributes'],
  ['theming', 'Light, dark and your own look'],
  ['locales', 'Languages and number formats'],
  ['keys', 'Embed keys and origins'],
  ['states', 'What a widget says when something is wrong'],
  ['react', 'React: @quoteline/react'],
] as const;

const heading = (id: (typeof SECTIONS)[number][0]) => (
  <h2 id={id}>{SECTIONS.find(([section]) => section === id)![1]}</h2>
);

/** What a site owner needs to embed Quoteline widgets: the snippet, every attribute, keys, states and the React package. */
export default async function EmbedDocsPage() {
  const origin = await thisOrigin();
  const snippet = [
    `<script async src="${origin}/embed.js" data-key="${KEY_PLACEHOLDER}"></script>`,
    ...EXAMPLE.map((attributes) => `<div${attributesOf(attributes)}></div>`),
  ].join('\n');
  const en = MESSAGES.en;
  return (
    <main className="page docs">
      <header className="page-header">
        <p className="docs-back">
          <Link href="/">← Quoteline</Link>
        </p>
        <h1>Embedding Quoteline widgets</h1>
        <p>Live quotes on any web page: one script tag, one element per widget, one stream for all of them.</p>
      </header>
      <nav aria-label="On this page" className="docs-toc">
        <ul>
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="snippet">
        {heading('snippet')}
        <p>
          Paste this into your page, with the key an admin made for your site in place of <code>{KEY_PLACEHOLDER}</code>
          . The script finds every element with a <code>data-quoteline</code> attribute, now and later, and mounts the
          widget it names inside it.
        </p>
        <pre className="code-block docs-code" data-testid="embed-snippet">
          <code>{snippet}</code>
        </pre>
        <ul>
          <li>
            <code>async</code> keeps the script from holding up your page; the loader itself is about 1 KB (gzipped) and
            each widget&apos;s code loads only when an element asks for it.
          </li>
          <li>
            <code>data-key</code> on the script tag is the embed key, for every widget of the page.
          </li>
          <li>
            Widgets render inside a Shadow DOM root of their element: your page&apos;s CSS does not reach them and
            theirs does not reach your page. Give the element the width you want; the widget fills it.
          </li>
          <li>
            Every widget of the page shares one connection to Quoteline. Elements added later (by any framework, at any
            time) mount by themselves and join it; removed elements unmount and let their data go.
          </li>
        </ul>
      </section>

      <section aria-labelledby="live">
        {heading('live')}
        <p>
          This page runs the same elements as the snippet above. On Quoteline&apos;s own pages the loader needs no key
          (it uses this site&apos;s own connection); on yours it uses <code>data-key</code>.
        </p>
        <div className="docs-live" data-testid="docs-live">
          {EXAMPLE.map((attributes) => (
            <div key={attributes['data-quoteline']} {...attributes} />
          ))}
        </div>
        <script async src="/embed.js" />
      </section>

      <section aria-labelledby="widgets">
        {heading('widgets')}
        <p>
          <code>data-quoteline</code> names the widget. A name the loader does not know, or an attribute outside the
          values below, shows a message in place of the widget saying what is wrong; the rest of the page goes on. Only{' '}
          <code>data-theme</code> and <code>data-locale</code> never fail: a value they do not know falls back to the
          reader&apos;s preference and to <code>en-US</code>.
        </p>
        <h3 id="ticker-tape">
          Ticker tape: <code>data-quoteline=&quot;ticker-tape&quot;</code>
        </h3>
        <p>
          A strip of last prices and changes since the open that scrolls by. It stops while the pointer is on it or the
          keyboard focus is in it, has a Pause button, and stands still as a wrapped list for readers who ask for
          reduced motion. Screen readers hear a short summary at most every 30 seconds.
        </p>
        <AttributeTable caption="Ticker tape attributes" rows={TAPE} />
        <h3 id="quote-board">
          Quote board: <code>data-quoteline=&quot;quote-board&quot;</code>
        </h3>
        <p>
          A table of a feed&apos;s instruments with live prices; each column heading sorts by it. Instruments an admin
          adds or removes appear and disappear live.
        </p>
        <AttributeTable caption="Quote board attributes" rows={BOARD} />
        <h3 id="price-chart">
          Price chart: <code>data-quoteline=&quot;price-chart&quot;</code>
        </h3>
        <p>The history of one instrument as candles or a line, its last candle extended by live quotes.</p>
        <AttributeTable caption="Price chart attributes" rows={CHART} />
        <h3 id="trading">
          Trading widgets: <code>order-ticket</code>, <code>portfolio</code>, <code>blotter</code>
        </h3>
        <p>
          On Quoteline&apos;s own pages these mount for the signed-in account: an order ticket, the portfolio with its
          cash and holdings, and the blotter of orders and fills (signed out, they say &ldquo;Sign in on Quoteline to
          use this widget.&rdquo;). On any other site they show a link, &ldquo;{en.tradeLink}&rdquo;, instead: no
          account data is ever reachable with an embed key. They take no <code>data-locale</code> or{' '}
          <code>data-title</code>.
        </p>
        <AttributeTable caption="Trading widget attributes" rows={TRADING} />
      </section>

      <section aria-labelledby="theming">
        {heading('theming')}
        <p>
          Widgets come in a light and a dark theme, each with text at 4.5:1 contrast or more. Without{' '}
          <code>data-theme</code> a widget follows the reader&apos;s system preference;{' '}
          <code>data-theme=&quot;light&quot;</code> or <code>data-theme=&quot;dark&quot;</code> fixes it, per element.
        </p>
        <p>
          A page gives the widgets its own look with CSS custom properties, <code>--ql-</code> and a token&apos;s name,
          set on the widget&apos;s element or any ancestor: custom properties cross the Shadow DOM boundary, nothing
          else of the page&apos;s CSS does. A token the page sets wins in both themes, so set the colours you change as
          a set, per colour scheme; tokens left unset keep the light and dark defaults. The same tokens go on one
          element as <code>data-tokens</code>, or as the <code>tokens</code> prop in React.
        </p>
        <pre className="code-block docs-code">
          <code>{`.brand {
  --ql-bg: #fffbe6;
  --ql-fg: #2b2005;
  --ql-border: #8a6d1d;
  --ql-font-family: Georgia, serif;
  --ql-radius: 0px;
}
@media (prefers-color-scheme: dark) {
  .brand { --ql-bg: #2b2005; --ql-fg: #fffbe6; }
}`}</code>
        </pre>
        <DocsTable
          caption="Theme tokens"
          columns={['Token', 'Light default', 'Dark default']}
          rows={[
            ...Object.entries(COLOR_TOKENS).map(([name, [light, dark]]) => [
              <code key="n">--ql-{name}</code>,
              <code key="l">{light}</code>,
              <code key="d">{dark}</code>,
            ]),
            ...Object.entries(LAYOUT_TOKENS).map(([name, value]) => [
              <code key="n">--ql-{name}</code>,
              <code key="l">{value}</code>,
              'the same',
            ]),
          ]}
        />
        <p>
          <code>--ql-fg</code> is the text, <code>--ql-muted</code> secondary text, <code>--ql-head</code> the table
          heads, <code>--ql-flash-up</code> and <code>--ql-flash-down</code> the flash of a changed price,{' '}
          <code>--ql-field</code> form fields, <code>--ql-warn</code> and <code>--ql-warn-bg</code> notices and the
          paused badge. <code>--ql-density</code> multiplies every padding: <code>0.75</code> is compact.
        </p>
      </section>

      <section aria-labelledby="locales">
        {heading('locales')}
        <p>
          <code>data-locale</code> (the <code>locale</code> prop in React) takes a BCP 47 language tag. Numbers, prices,
          percentages, dates and times are formatted by the browser&apos;s <code>Intl</code> for that locale (
          <code>de-DE</code> writes 1.234,50 and +0,87&nbsp;%; times are 24-hour, in the reader&apos;s time zone). The
          words the widgets show and speak come in English and German: any <code>de</code> tag (<code>de-DE</code>,{' '}
          <code>de-AT</code>, <code>de-CH</code>) gets German, every other tag English. Without the attribute the
          reader&apos;s browser language decides; a tag that is not valid falls back to <code>en-US</code>. The widget
          sets <code>lang</code> on itself, so screen readers pronounce it right.
        </p>
        <p>
          For example, <code>{'<div data-quoteline="quote-board" data-feed="demo" data-locale="de-DE"></div>'}</code>{' '}
          shows the columns {list(QUOTE_BOARD_COLUMNS.map((c) => MESSAGES.de.columns[c]))} and the status &ldquo;
          {MESSAGES.de.status.reconnecting}&rdquo; when the connection drops.
        </p>
      </section>

      <section aria-labelledby="keys">
        {heading('keys')}
        <p>
          An embed key (<code>pk_…</code>) is public: it is in your page&apos;s HTML. What protects it is the list of
          origins it works on. An admin makes one in the admin console (Embed keys), or on the server with{' '}
          <code>
            npm run embed-key -- create --label Shop --origins https://shop.example --feeds demo --symbols ACME,GLOBX
          </code>
          , and gives it:
        </p>
        <ul>
          <li>
            <strong>origins</strong>: the sites allowed to use it, each an exact origin (
            <code>https://shop.example</code>), any port of a host (<code>http://localhost:*</code>) or any subdomain (
            <code>https://*.shop.example</code>, not the bare domain). The scheme must match.
          </li>
          <li>
            <strong>feeds</strong>: the feeds its widgets may show.
          </li>
          <li>
            <strong>symbols</strong> (optional): only these instruments of those feeds. A board lists only them, a tape
            leaves out the others, and a chart of another symbol says it cannot load its history. Without symbols the
            key allows every instrument of its feeds.
          </li>
        </ul>
        <p>What a page sees:</p>
        <ul>
          <li>On an allowed origin, with a feed the key allows: live widgets.</li>
          <li>
            On any other origin, or with a key that does not exist or was revoked: every widget of the page says
            &ldquo;Quoteline widgets are not authorised for this site. The site owner can add this address to the embed
            key.&rdquo; and no data reaches the page (Quoteline answers 403 without CORS headers).
          </li>
          <li>
            A widget of a feed the key does not allow says &ldquo;{en.problem.forbidden.title}&rdquo;; the other widgets
            of the page go on.
          </li>
          <li>
            When an admin revokes the key or takes a feed off it, open pages stop receiving data within about two
            seconds and their widgets say &ldquo;{en.problem.forbidden.title}&rdquo;.
          </li>
        </ul>
      </section>

      <section aria-labelledby="states">
        {heading('states')}
        <p>
          Each widget shows its state in words, next to its heading (the status is announced to screen readers), and a
          problem with its feed in place of its data, with a <strong>{en.tryAgain}</strong> button.
        </p>
        <StatesTable caption="Connection status" means="Means" rows={statusRows(en)} />
        <StatesTable
          caption="Feed problems (in place of the data)"
          means="Means and what to do"
          rows={problemRows(en)}
        />
        <StatesTable caption="Messages in place of a widget (from the loader)" means="Means" rows={loaderRows(en)} />
      </section>

      <section aria-labelledby="react">
        {heading('react')}
        <p>
          For React 19 sites (Next.js included) the ticker tape, quote board and price chart also come as components.
          They share the page&apos;s one connection with each other and with any script-tag widgets on the same page.
          The package is not on a registry: build it from this repository and install the tarball.
        </p>
        <pre className="code-block docs-code">
          <code>{`# in the Quoteline repository
npm run build
npm pack -w @quoteline/react    # writes quoteline-react-0.1.0.tgz here
# in your app (React 19 and react-dom 19 are peer dependencies)
npm install ../quoteline/quoteline-react-0.1.0.tgz`}</code>
        </pre>
        <pre className="code-block docs-code">
          <code>{`import { PriceChart, QuoteBoard, QuotelineProvider, TickerTape } from '@quoteline/react';

export default function Page() {
  return (
    <QuotelineProvider url="${origin}" embedKey="${KEY_PLACEHOLDER}">
      <TickerTape feed="demo" symbols={['ACME', 'GLOBX']} />
      <QuoteBoard feed="demo" columns={['symbol', 'last', 'change']} locale="de-DE" />
      <PriceChart symbol="ACME" interval="5m" kind="line" theme="dark" />
    </QuotelineProvider>
  );
}`}</code>
        </pre>
        <ul>
          <li>
            <code>{'<QuotelineProvider url embedKey>'}</code>: <code>url</code> is Quoteline&apos;s origin,{' '}
            <code>embedKey</code> the key whose origins include your site. Put it once above the widgets.
          </li>
          <li>
            <code>{'<TickerTape>'}</code>: <code>feed</code>, <code>symbols</code> (an array or a comma list),{' '}
            <code>speed</code>, <code>title</code>, <code>theme</code>, <code>tokens</code>, <code>locale</code>.
          </li>
          <li>
            <code>{'<QuoteBoard>'}</code>: <code>feed</code>, <code>columns</code> (an array), <code>title</code>,{' '}
            <code>theme</code>, <code>tokens</code>, <code>locale</code>.
          </li>
          <li>
            <code>{'<PriceChart>'}</code>: <code>symbol</code> (required), <code>feed</code>, <code>interval</code>,{' '}
            <code>kind</code>, <code>title</code>, <code>theme</code>, <code>tokens</code>, <code>locale</code>.
          </li>
          <li>
            Props mean what the <a href="#widgets">attributes</a> of the same name mean, with the same defaults; the
            package ships TypeScript types for them.
          </li>
          <li>
            Server rendering: the server (and the first render in the browser) renders a placeholder in words
            (&ldquo;Loading quotes…&rdquo;) and opens no connection; the widget mounts in the browser after hydration,
            so the HTML always matches.
          </li>
          <li>
            Re-rendering a parent never reopens the connection or remounts a chart: props equal by value (a fresh but
            equal <code>symbols</code> array) change nothing, and a changed <code>feed</code> switches the widget over
            the open connection.
          </li>
        </ul>
        <p>
          A complete Next.js example (a server component rendering the provider, a client component changing props) is
          in <code>examples/react-next</code> of the repository.
        </p>
      </section>
    </main>
  );
}
