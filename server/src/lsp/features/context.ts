/** What the feature handlers share with the core server: the connection, open documents and the engine. */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisHost, Engine } from '../../engine/analyze';

export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  engine: Engine;
  /** Reads open documents first, then the disk. */
  host: AnalysisHost;
}
