/**
 * An AI provider: where an AI activity's work is done. Each declares where it runs, which is
 * what data-sovereignty checks compare with a process's data classification.
 */

export type ProviderLocation = 'on-premise' | 'sovereign-cloud' | 'external';

export interface LabelledExample {
  text: string;
  label: string;
}

export interface ClassifyRequest {
  text: string;
  /** Training examples; at least two labels. */
  examples: readonly LabelledExample[];
}

export interface ClassifyResponse {
  label: string;
  confidence: number;
  /** Every label with its probability, most likely first. */
  scores: { label: string; probability: number }[];
}

export interface AiProvider {
  id: string;
  location: ProviderLocation;
  /** Model name, recorded as provenance on every output. */
  model: string;
  classify(request: ClassifyRequest, signal?: AbortSignal): Promise<ClassifyResponse>;
}
