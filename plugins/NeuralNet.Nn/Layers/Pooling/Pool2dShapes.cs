using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Layers;

/// <summary>Build-time checks the pooling layers share: input rank and geometry, errors keyed by the offending option.</summary>
internal static class Pool2dShapes
{
    public static void RequireImages(string layer, TensorShape inputShape, string path)
    {
        if (inputShape.Rank != 3)
            throw new ConfigurationException(path,
                $"{layer} takes samples of shape [channels, height, width] but gets {inputShape}; " +
                "put a \"reshape\" layer before it (for example to [1, 28, 28]) or load the images unflattened.");
    }

    public static Pool2dGeometry Geometry(string layer, Pool2dOptions options, TensorShape inputShape, string path)
    {
        RequireImages(layer, inputShape, path);
        int stride = options.Stride ?? options.PoolSize;
        if (options.PoolSize < 1)
            throw new ConfigurationException($"{path}:PoolSize", $"must be at least 1 but is {options.PoolSize}; input {inputShape}.");
        if (stride < 1)
            throw new ConfigurationException($"{path}:Stride", $"must be at least 1 but is {stride}; input {inputShape}.");
        if (options.Padding < 0 || 2L * options.Padding > options.PoolSize)
            throw new ConfigurationException($"{path}:Padding",
                $"must be between 0 and half the pool size ({options.PoolSize / 2}) but is {options.Padding}; input {inputShape}.");
        try
        {
            return Pool2dGeometry.Create(inputShape[0], inputShape[1], inputShape[2], options.PoolSize, stride, options.Padding);
        }
        catch (ArgumentException error)
        {
            string key = error.ParamName is "poolHeight" or "poolWidth" ? $"{path}:PoolSize" : path;
            throw new ConfigurationException(key,
                $"{layer} with pool size {options.PoolSize}, stride {stride} and padding {options.Padding} does not fit input {inputShape}: {error.Message}");
        }
    }
}
