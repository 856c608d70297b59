import BaselinePipeline
import CSVSurvey
import DashboardJSON
import Indicators
import SurveyAggregate
import TextReport
import XMLDataset

/// The registry of built-in adapters, stages and sinks: the one place a new plugin is listed.
public enum BuiltinPlugins {
    /// Every built-in plugin.
    public static let registry = PluginRegistry(
        sources: [
            CSVSurveyAdapter.self,
            XMLDatasetAdapter.self,
        ],
        stages: [
            SurveyAggregateStage.self,
            IndicatorsStage.self,
        ],
        sinks: [
            DashboardJSONSink.self,
            TextReportSink.self,
        ]
    )
}
