import BaselinePipeline
import BaselineOutcomes
import Benchmark
import CSVIndicators
import CodeThemes
import CSVSurvey
import CSVTables
import DashboardJSON
import HTMLDashboard
import Indicators
import Join
import PoliceUK
import Priorities
import InterviewNotes
import Redact
import SurveyAggregate
import TextReport
import Workbook
import XMLDataset

/// The registry of built-in adapters, stages and sinks: the one place a new plugin is listed.
public enum BuiltinPlugins {
    /// Every built-in plugin.
    public static let registry = PluginRegistry(
        sources: [
            CSVSurveyAdapter.self,
            CSVIndicatorsAdapter.self,
            XMLDatasetAdapter.self,
            InterviewNotesAdapter.self,
            PoliceUKAdapter.self,
        ],
        stages: [
            SurveyAggregateStage.self,
            IndicatorsStage.self,
            JoinStage.self,
            BenchmarkStage.self,
            RedactStage.self,
            CodeThemesStage.self,
            PrioritiesStage.self,
        ],
        sinks: [
            DashboardJSONSink.self,
            TextReportSink.self,
            HTMLDashboardSink.self,
            CSVTablesSink.self,
            WorkbookSink.self,
        ],
        // Reads a pipeline's `outcomes:` file: the brief and dashboard open with progress on it.
        outcomes: OutcomesProgressStep()
    )
}
