namespace NeuralNet.Experiments;

/// <summary>
/// Opens a kind of experiment queue. A provider is registered as a keyed singleton under the <c>Queue:Type</c> it
/// serves (<c>services.AddKeyedSingleton&lt;IExperimentQueueProvider, X&gt;("postgres")</c> in a plugin's
/// <c>IPluginModule</c>); the host picks the one the configuration names and never names a concrete queue.
/// </summary>
public interface IExperimentQueueProvider
{
    /// <summary>Opens the queue: checks the settings, connects and prepares its storage (a database migrates its schema).</summary>
    /// <exception cref="Errors.ConfigurationException">Settings that do not work (a connection string that does not connect, a schema from a newer version), naming the key.</exception>
    IExperimentQueue Open(QueueContext context);

    /// <summary>Opens the run registry this queue records into, or null when it keeps none.</summary>
    IRunRegistry? OpenRegistry(QueueContext context);
}
