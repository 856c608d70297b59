import BaselinePipeline
import Benchmark
import CSVIndicators
import CSVSurvey
import CSVTables
import DashboardJSON
import HTMLDashboard
import Indicators
import Join
import SurveyAggregate
import TextReport
import XMLDataset

/// The registry of built-in adapters, stages and sinks: the one place a new plugin is listed.
public enum BuiltinPlugins {
    /// Every built-in plugin.
    public static let registry = PluginRegistry(
        sources: [
            CSVSurveyAdapter.self,
            CSVIndicatorsAdapter.self,
            XMLDatasetAdapter.self,
        ],
        stages: [
            SurveyAggregateStage.self,
            IndicatorsStage.self,
            JoinStage.self,
            BenchmarkStage.self,
        ],
        sinks: [
            DashboardJSONSink.self,
            TextReportSink.self,
            HTMLDashboardSink.self,
            CSVTablesSink.self,
        ]
    )
}
