import BaselinePipeline
import CSVIndicators
import CSVSurvey
import CSVTables
import DashboardJSON
import HTMLDashboard
import SurveyAggregate
import TextReport

/// The registry of built-in adapters, stages and sinks: the one place a new plugin is listed.
public enum BuiltinPlugins {
    /// Every built-in plugin.
    public static let registry = PluginRegistry(
        sources: [
            CSVSurveyAdapter.self,
            CSVIndicatorsAdapter.self,
        ],
        stages: [
            SurveyAggregateStage.self,
        ],
        sinks: [
            DashboardJSONSink.self,
            TextReportSink.self,
            HTMLDashboardSink.self,
            CSVTablesSink.self,
        ]
    )
}
