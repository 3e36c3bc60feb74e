// The search box: a plain GET form to /search (works without JavaScript); with JavaScript it also
// suggests product names as the buyer types.
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useT } from "#app/i18n/i18n.ts";

type Suggestions = { suggestions: { name: string; url: string }[] };

export function SearchBox({ defaultValue = "" }: { defaultValue?: string }) {
  const t = useT();
  const fetcher = useFetcher<Suggestions>();
  const [text, setText] = useState(defaultValue);
  const listId = useId();
  const { load } = fetcher;
  useEffect(() => {
    if (text.trim().length < 2 || text === defaultValue) return;
    const timer = setTimeout(() => load(`/api/suggest?${new URLSearchParams({ q: text })}`), 150);
    return () => clearTimeout(timer);
  }, [text, defaultValue, load]);
  const suggestions = text.trim().length >= 2 ? (fetcher.data?.suggestions ?? []) : [];
  return (
    <Form method="get" action="/search" role="search" className="search-box">
      <label htmlFor={`${listId}-q`} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        id={`${listId}-q`}
        type="search"
        name="q"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("search.placeholder")}
        autoComplete="off"
        enterKeyHint="search"
        aria-controls={suggestions.length ? listId : undefined}
      />
      <button type="submit" className="button">
        {t("search.submit")}
      </button>
      {suggestions.length ? (
        <ul id={listId} className="suggestions" aria-label={t("search.suggestions")}>
          {suggestions.map((s) => (
            <li key={s.url}>
              <Link to={s.url}>{s.name}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Form>
  );
}
