'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { testWebhookDelivery } from '@/lib/diagnostics/actions';
import { SECTION_TITLES, type Check, type CheckSection } from '@/lib/diagnostics/shared';

const STATUS_STYLE: Record<Check['status'], { mark: string; className: string; label: string }> = {
  ok: { mark: '✔', className: 'text-emerald-400', label: 'ok' },
  fail: { mark: '✘', className: 'text-red-400', label: 'needs a fix' },
  info: { mark: '·', className: 'text-zinc-400', label: 'information' },
};

/** Each line green or red with its fix; the webhook section has the URL to copy and "Send a test". */
export function DiagnosticsView({ checks }: { checks: Check[] }) {
  const { test, sending, send } = useWebhookTest();
  const sections = Object.keys(SECTION_TITLES) as CheckSection[];
  return (
    <div className="flex flex-col gap-4" data-diagnostics>
      {sections.map((section) => {
        const lines = [...checks.filter((check) => check.section === section), ...(section === 'webhooks' && test ? [test] : [])];
        if (lines.length === 0) return null;
        return (
          <section key={section} aria-labelledby={`diagnostics-${section}`} className="rounded-lg border border-zinc-800 bg-zinc-900/60">
            <header className="flex items-center justify-between border-b border-zinc-800 px-3 py-2">
              <h2 id={`diagnostics-${section}`} className="text-sm font-medium text-zinc-100">
                {SECTION_TITLES[section]}
              </h2>
              {section === 'webhooks' && (
                <Button variant="primary" pending={sending} onClick={send}>
                  Send a test
                </Button>
              )}
            </header>
            <ul className="divide-y divide-zinc-800">
              {lines.map((check) => (
                <CheckLine key={check.id} check={check} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function CheckLine({ check }: { check: Check }) {
  const style = STATUS_STYLE[check.status];
  return (
    <li className="flex gap-3 px-3 py-2 text-sm" data-check={check.id} data-status={check.status}>
      <span role="img" className={`w-4 shrink-0 ${style.className}`} aria-label={style.label}>
        {style.mark}
      </span>
      <div className="min-w-0 flex-1">
        <div className="text-zinc-200">
          <span className="font-medium">{check.label}</span>: <span className="break-words text-zinc-300">{check.detail}</span>
        </div>
        {check.fix && <div className="mt-0.5 text-red-300">Fix: {check.fix}</div>}
        {check.copy && <CopyField value={check.copy} />}
      </div>
    </li>
  );
}

function CopyField({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-1 flex items-center gap-2">
      <code className="min-w-0 truncate rounded bg-zinc-950 px-2 py-1 text-xs text-zinc-200">{value}</code>
      <Button
        onClick={async () => {
          await navigator.clipboard.writeText(value);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

function useWebhookTest() {
  const [test, setTest] = useState<Check | undefined>();
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      const result = await testWebhookDelivery();
      setTest(
        result.ok
          ? result.data
          : { id: 'webhooks.test', section: 'webhooks', label: 'Test delivery', status: 'fail', detail: result.error.message },
      );
    } finally {
      setSending(false);
    }
  };
  return { test, sending, send };
}
