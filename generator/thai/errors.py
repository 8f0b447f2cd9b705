"""The error the Thai formatting layer raises for input it cannot read."""


class ThaiValueError(ValueError):
    """Text or a value that is not a valid date, amount, phone number or code.

    The message is one line, written for the person who typed the value.
    """
