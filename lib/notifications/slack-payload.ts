// Pure: a Slack-compatible message ({ text, blocks }) with Switchyard's own fields beside it, so
// the same body works for a Slack incoming webhook and for a receiver that reads the data.
export interface NotificationMessage {
  event: string;
  title: string;
  text: string;
  url?: string;
  data: Record<string, unknown>;
}

export function slackPayload(m: NotificationMessage, baseUrl?: string) {
  const link = m.url
    ? /^https?:\/\//.test(m.url)
      ? m.url
      : baseUrl
        ? new URL(m.url, baseUrl).toString()
        : m.url
    : undefined;
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: m.title.slice(0, 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: m.text.slice(0, 2900) || " " } },
    { type: "context", elements: [{ type: "mrkdwn", text: `Switchyard · \`${m.event}\`` }] },
  ];
  if (link && /^https?:\/\//.test(link)) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open in Switchyard" }, url: link }],
    });
  }
  return {
    text: `${m.title}\n${m.text}${link ? `\n${link}` : ""}`,
    blocks,
    switchyard: { event: m.event, url: link ?? null, data: m.data },
  };
}
