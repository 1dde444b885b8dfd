'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { MAX_INSTRUMENT_QUERY_LENGTH, type InstrumentMatch, type InstrumentSearchResponse } from '@quoteline/protocol';
import { formatPrice } from '@quoteline/widget-kit';

/** How long typing must pause before the search is sent. */
const DEBOUNCE_MS = 200;

/** The value, once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** True when a key press belongs to a field being typed in, so `/` must stay a character there. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * "Type a symbol": a combobox over `GET /api/instruments`. `/` anywhere on the
 * page (outside a field) focuses it; arrows move through the matches, Enter
 * opens one, Escape closes the list (and, pressed again, clears the text).
 */
export function InstrumentSearch({ onOpen }: { onOpen: (instrument: InstrumentMatch) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const q = text.trim().slice(0, MAX_INSTRUMENT_QUERY_LENGTH);
  const settled = useDebounced(q, DEBOUNCE_MS);
  const search = useQuery({
    queryKey: ['instruments', settled],
    queryFn: ({ signal }) =>
      apiJson<InstrumentSearchResponse>(`/api/instruments?q=${encodeURIComponent(settled)}&limit=10`, { signal }),
    enabled: settled !== '',
    staleTime: 5_000,
  });

  useEffect(() => {
    const focusOnSlash = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, []);

  const waiting = q !== settled || search.isPending;
  const matches = !waiting && search.data ? search.data.instruments : [];
  const open = expanded && q !== '';
  const active = open && activeIndex < matches.length ? activeIndex : -1;
  const optionId = (index: number) => `${id}-option-${index}`;
  const status =
    q === ''
      ? ''
      : waiting
        ? 'Searching…'
        : search.isError
          ? `The search failed: ${search.error.message}`
          : matches.length === 0
            ? `No instrument matches “${q}”.`
            : `${matches.length} ${matches.length === 1 ? 'instrument' : 'instruments'}; arrow keys to choose, Enter to open.`;

  const choose = (instrument: InstrumentMatch) => {
    setText(instrument.symbol);
    setExpanded(false);
    setActiveIndex(-1);
    onOpen(instrument);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        setExpanded(true);
        if (matches.length === 0) return;
        const down = event.key === 'ArrowDown';
        setActiveIndex(
          active === -1
            ? down
              ? 0
              : last
            : down
              ? active === last
                ? 0
                : active + 1
              : active === 0
                ? last
                : active - 1,
        );
        return;
      }
      case 'Enter': {
        const instrument = active >= 0 ? matches[active] : matches.length === 1 ? matches[0] : undefined;
        if (!instrument) return;
        event.preventDefault();
        choose(instrument);
        return;
      }
      case 'Escape': {
        event.preventDefault();
        if (open) setExpanded(false);
        else setText('');
        setActiveIndex(-1);
        return;
      }
      default:
        return;
    }
  };

  return (
    <div className="instrument-search">
      <label htmlFor={`${id}-input`}>Find an instrument</label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint ${id}-status`}
        autoComplete="off"
        spellCheck={false}
        placeholder="Symbol or name, e.g. EURUSD"
        maxLength={MAX_INSTRUMENT_QUERY_LENGTH}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setExpanded(true);
          setActiveIndex(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setExpanded(true)}
        onBlur={() => setExpanded(false)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        Press <kbd>/</kbd> anywhere to search.
      </p>
      <p className="instrument-search-status" id={`${id}-status`} role="status">
        {open ? status : ''}
      </p>
      <ul
        className="instrument-search-list"
        id={`${id}-list`}
        role="listbox"
        aria-label="Matching instruments"
        hidden={!open || matches.length === 0}
      >
        {matches.map((m, index) => (
          <li
            key={m.symbol}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            data-symbol={m.symbol}
            // Keeps the focus in the input, so the list stays open until the click picks.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(m)}
          >
            <strong>{m.symbol}</strong>
            <span className="instrument-search-name">{m.name}</span>
            <span className="instrument-search-meta">
              {m.feed} · {formatPrice(m.last, m.decimals)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
