function New-IisLogonRightsErrorRecord
{
    <#
    .SYNOPSIS
        Builds an ErrorRecord with a stable ErrorId.

    .DESCRIPTION
        Every error the module raises goes through here, so each has an ErrorId that scripts
        and the DSC v3 entry can rely on, a real ErrorCategory, the object it concerns, and,
        where one is known, the action that fixes it.

    .PARAMETER ErrorId
        The stable identifier, for example IisLogonRightsNodeJsNotFound.

    .PARAMETER Message
        What failed, in a sentence that names the file, account or command concerned.

    .PARAMETER Category
        The ErrorCategory.

    .PARAMETER TargetObject
        The object the error concerns (a command line, an account, a path).

    .PARAMETER InnerException
        The exception that caused this error, if any.

    .PARAMETER RecommendedAction
        What the user can do about it.

    .EXAMPLE
        New-IisLogonRightsErrorRecord -ErrorId 'IisLogonRightsNodeJsNotFound' -Message 'node was not found' -Category ObjectNotFound -TargetObject 'node'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $ErrorId,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Message,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.ErrorCategory]
        $Category,

        [Parameter()]
        [AllowNull()]
        [System.Object]
        $TargetObject,

        [Parameter()]
        [AllowNull()]
        [System.Exception]
        $InnerException,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $RecommendedAction = ''
    )

    # Messages name files and accounts from the inputs: control characters are shown, not obeyed.
    $Message = ConvertTo-IisLogonRightsDisplayText -Text $Message
    $RecommendedAction = ConvertTo-IisLogonRightsDisplayText -Text $RecommendedAction
    $exception = [System.InvalidOperationException]::new($Message, $InnerException)
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
    if ($RecommendedAction -ne '')
    {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message)
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }

    return $record
}
