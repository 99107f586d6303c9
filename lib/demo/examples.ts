// Labelled support tickets: the demo classifier's training set and the traffic generator's
// source of requests with known answers (outcomes).

export type TicketLabel = "billing" | "technical" | "account" | "shipping";

export interface LabelledTicket {
  text: string;
  ticket_type: "billing" | "technical" | "account" | "shipping";
  label: TicketLabel;
}

export const EXAMPLES: LabelledTicket[] = [
  { text: "I was charged twice for my subscription this month", ticket_type: "billing", label: "billing" },
  { text: "Please refund the duplicate payment on my card", ticket_type: "billing", label: "billing" },
  { text: "My invoice shows the wrong amount and tax", ticket_type: "billing", label: "billing" },
  { text: "How do I update the credit card used for payment", ticket_type: "billing", label: "billing" },
  { text: "Why did my plan price go up without notice", ticket_type: "billing", label: "billing" },
  { text: "Cancel my subscription and stop charging me", ticket_type: "billing", label: "billing" },
  { text: "The app crashes every time I open the settings page", ticket_type: "technical", label: "technical" },
  { text: "I get an error 500 when uploading a file", ticket_type: "technical", label: "technical" },
  { text: "The dashboard is very slow and times out", ticket_type: "technical", label: "technical" },
  { text: "Sync stopped working after the latest update", ticket_type: "technical", label: "technical" },
  { text: "The export button does nothing in the browser", ticket_type: "technical", label: "technical" },
  { text: "API returns an error when I send a request with a token", ticket_type: "technical", label: "technical" },
  { text: "I cannot log in, my password reset email never arrives", ticket_type: "account", label: "account" },
  { text: "Please change the email address on my account", ticket_type: "account", label: "account" },
  { text: "How do I delete my account and personal data", ticket_type: "account", label: "account" },
  { text: "My account was locked after too many login attempts", ticket_type: "account", label: "account" },
  { text: "Add a new user to our team account", ticket_type: "account", label: "account" },
  { text: "Enable two factor authentication for my login", ticket_type: "account", label: "account" },
  { text: "My package has not arrived and tracking is stuck", ticket_type: "shipping", label: "shipping" },
  { text: "The order was delivered to the wrong address", ticket_type: "shipping", label: "shipping" },
  { text: "When will my order ship, it says processing for a week", ticket_type: "shipping", label: "shipping" },
  { text: "The box arrived damaged and items are missing", ticket_type: "shipping", label: "shipping" },
  { text: "Can I change the delivery address of my order", ticket_type: "shipping", label: "shipping" },
  { text: "I need express delivery for my next order", ticket_type: "shipping", label: "shipping" },
  // Ambiguous ones: the two demo model versions don't always agree on these.
  { text: "I was charged for an order that never arrived", ticket_type: "billing", label: "billing" },
  { text: "Login error after the update, app crashes", ticket_type: "technical", label: "technical" },
  { text: "Refund my shipping fee, the package was late", ticket_type: "billing", label: "billing" },
  { text: "Change the card on my account", ticket_type: "billing", label: "billing" },
];
