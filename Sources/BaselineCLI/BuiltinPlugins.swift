import BaselinePipeline
import CodeThemes
import CSVSurvey
import DashboardJSON
import InterviewNotes
import Redact
import SurveyAggregate
import TextReport

/// The registry of built-in adapters, stages and sinks: the one place a new plugin is listed.
public enum BuiltinPlugins {
    /// Every built-in plugin.
    public static let registry = PluginRegistry(
        sources: [
            CSVSurveyAdapter.self,
            InterviewNotesAdapter.self,
        ],
        stages: [
            SurveyAggregateStage.self,
            RedactStage.self,
            CodeThemesStage.self,
        ],
        sinks: [
            DashboardJSONSink.self,
            TextReportSink.self,
        ]
    )
}
