import BaselineCLI
import BaselinePipeline
import JSONLines

BaselineCommand.main(registry: BuiltinPlugins.registry.adding(PluginRegistry(sources: [JSONLinesAdapter.self])))
