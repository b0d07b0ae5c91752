using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.GradientChecking;

/// <summary>
/// A deliberately simple layer for testing the gradient checker: y = x·W (W [inputs x units]), with plain loops,
/// whose backward pass multiplies the input and kernel gradients by chosen factors (1 = correct).
/// </summary>
internal sealed class FakeLinearLayer(int units, float inputGradientFactor = 1f, float kernelGradientFactor = 1f,
    bool alwaysReturnInputGradient = false) : ILayer
{
    private Parameter _kernel = null!;
    private Tensor _output = null!;
    private Tensor _inputGradient = null!;
    private Tensor _input = null!;
    private int _inputs;

    public bool HasParameters => true;

    public IReadOnlyList<Parameter> Parameters => [_kernel];

    public IReadOnlyList<StateBuffer> Buffers => [];

    public TensorShape Build(TensorShape inputShape, LayerBuildContext context)
    {
        _inputs = inputShape.Size;
        _kernel = new Parameter("kernel", new TensorShape(_inputs, units), regularize: true);
        Span<float> w = _kernel.Value.Span;
        for (int i = 0; i < w.Length; i++) w[i] = (float)(context.Random.NextDouble() - 0.5);
        _output = new Tensor(context.MaxBatchSize, units);
        _inputGradient = new Tensor(context.MaxBatchSize, inputShape);
        return new TensorShape(units);
    }

    public Tensor Forward(Tensor input, ForwardContext context)
    {
        _input = input;
        _output.SetBatchSize(input.BatchSize);
        float[] w = _kernel.Value.Buffer;
        for (int b = 0; b < input.BatchSize; b++)
            for (int j = 0; j < units; j++)
            {
                float sum = 0;
                for (int i = 0; i < _inputs; i++) sum += input[b, i] * w[i * units + j];
                _output[b, j] = sum;
            }
        return _output;
    }

    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        float[] w = _kernel.Value.Buffer, dw = _kernel.Gradient.Buffer;
        for (int i = 0; i < _inputs; i++)
            for (int j = 0; j < units; j++)
            {
                float sum = 0;
                for (int b = 0; b < _input.BatchSize; b++) sum += _input[b, i] * outputGradient[b, j];
                dw[i * units + j] = kernelGradientFactor * sum;
            }
        if (!needInputGradient && !alwaysReturnInputGradient) return null;
        _inputGradient.SetBatchSize(_input.BatchSize);
        for (int b = 0; b < _input.BatchSize; b++)
            for (int i = 0; i < _inputs; i++)
            {
                float sum = 0;
                for (int j = 0; j < units; j++) sum += outputGradient[b, j] * w[i * units + j];
                _inputGradient[b, i] = inputGradientFactor * sum;
            }
        return _inputGradient;
    }
}
